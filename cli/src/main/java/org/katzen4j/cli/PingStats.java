package org.katzen4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Round-trip statistics of a ping run: replies with their times, timeouts, other failures, and
 * the summary lines printed at the end (the reference ping's success rate line plus
 * min/avg/max/stddev).
 */
final class PingStats {
    private final List<Double> rttMillis = new ArrayList<>();
    private int timeouts;
    private int errors;
    private int mismatches;

    synchronized void reply(double millis, boolean matches) {
        rttMillis.add(millis);
        if (!matches) {
            mismatches++;
        }
    }

    synchronized void timeout() {
        timeouts++;
    }

    synchronized void error() {
        errors++;
    }

    synchronized int sent() {
        return rttMillis.size() + timeouts + errors;
    }

    synchronized int replies() {
        return rttMillis.size();
    }

    /** Replies whose payload is the one sent. */
    synchronized int passed() {
        return rttMillis.size() - mismatches;
    }

    synchronized double min() {
        return rttMillis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    synchronized double max() {
        return rttMillis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    synchronized double avg() {
        return rttMillis.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Population standard deviation (as ping(8) prints "mdev"-like spread). */
    synchronized double stddev() {
        if (rttMillis.isEmpty()) {
            return Double.NaN;
        }
        double mean = avg();
        double sq = 0;
        for (double v : rttMillis) {
            sq += (v - mean) * (v - mean);
        }
        return Math.sqrt(sq / rttMillis.size());
    }

    /** The summary block: counts, round-trip line (only with at least one reply), success rate. */
    synchronized List<String> summary(int count) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%d sent, %d replies, %d timeouts, %d errors%s", sent(), replies(),
                timeouts, errors, mismatches > 0 ? ", " + mismatches + " mismatched" : ""));
        if (!rttMillis.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "round-trip min/avg/max/stddev = %.1f/%.1f/%.1f/%.1f ms", min(), avg(),
                    max(), stddev()));
        }
        double percent = count == 0 ? 0 : 100.0 * passed() / count;
        lines.add(String.format(Locale.ROOT, "Success rate is %.0f percent (%d/%d)", percent, passed(), count));
        return lines;
    }
}
