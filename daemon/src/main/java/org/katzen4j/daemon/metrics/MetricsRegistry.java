package org.katzen4j.daemon.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The daemon's metrics: named counters and gauges whose values are read from the services when
 * scraped, written in the Prometheus text exposition format 0.0.4. Labels are fixed strings given
 * at registration (such as {@code kind="loop"}); nothing per app, per message or per key is ever a
 * label, so a scrape reveals aggregate activity only.
 */
public final class MetricsRegistry {

    /** The exposition format's content type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** Counter or gauge. */
    public enum Type {
        COUNTER, GAUGE
    }

    private record Sample(String labels, LongSupplier value) {
    }

    private record Family(String name, String help, Type type, List<Sample> samples) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** A monotonically increasing count; by convention its name ends in {@code _total}. */
    public MetricsRegistry counter(String name, String help, LongSupplier value) {
        return add(name, help, Type.COUNTER, Map.of(), value);
    }

    /** A value that goes up and down. */
    public MetricsRegistry gauge(String name, String help, LongSupplier value) {
        return add(name, help, Type.GAUGE, Map.of(), value);
    }

    /** One labelled sample of a family (the family is created by its first sample). */
    public synchronized MetricsRegistry add(String name, String help, Type type, Map<String, String> labels,
            LongSupplier value) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name " + name);
        }
        String rendered = labels(labels);
        Family f = families.get(name);
        if (f != null && f.type() != type) {
            throw new IllegalArgumentException(name + " is already a " + f.type());
        }
        if (f != null && f.samples().stream().anyMatch(s -> s.labels().equals(rendered))) {
            throw new IllegalArgumentException("duplicate sample " + name + rendered);
        }
        if (f == null) {
            f = new Family(name, help, type, new ArrayList<>());
            families.put(name, f);
        }
        f.samples().add(new Sample(rendered, value));
        return this;
    }

    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("{");
        labels.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (!LABEL.matcher(e.getKey()).matches() || e.getKey().startsWith("__")) {
                throw new IllegalArgumentException("bad label name " + e.getKey());
            }
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(e.getKey()).append("=\"").append(escapeLabel(e.getValue())).append('"');
        });
        return sb.append('}').toString();
    }

    private static String escapeLabel(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Every family with its current values, in registration order. A failing supplier reads as NaN. */
    public synchronized String scrape() {
        StringBuilder sb = new StringBuilder(4096);
        for (Family f : families.values()) {
            sb.append("# HELP ").append(f.name()).append(' ').append(escapeHelp(f.help())).append('\n');
            sb.append("# TYPE ").append(f.name()).append(' ').append(f.type() == Type.COUNTER ? "counter" : "gauge")
                    .append('\n');
            for (Sample s : f.samples()) {
                String v;
                try {
                    v = Long.toString(s.value().getAsLong());
                } catch (RuntimeException e) {
                    v = "NaN";
                }
                sb.append(f.name()).append(s.labels()).append(' ').append(v).append('\n');
            }
        }
        return sb.toString();
    }

    /** Names of the registered families. */
    public synchronized List<String> names() {
        return List.copyOf(families.keySet());
    }
}
