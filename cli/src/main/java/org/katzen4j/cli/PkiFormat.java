package org.katzen4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.katzen4j.pki.DocumentBody;
import org.katzen4j.pki.MixDescriptor;
import org.katzen4j.pki.ReplicaDescriptor;

/** Renders a PKI document for people: epoch, parameters, nodes by layer, services, replicas. */
final class PkiFormat {
    private PkiFormat() {
    }

    static List<String> lines(DocumentBody d, boolean showAddresses) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "epoch %d (genesis %d), document %s, PKI signatures %s", d.epoch(),
                d.genesisEpoch(), d.version().isEmpty() ? "-" : d.version(),
                d.pkiSignatureScheme().isEmpty() ? "-" : d.pkiSignatureScheme()));
        out.add(String.format(Locale.ROOT, "send rate %d/min, mu %s, lambdaP %s, lambdaL %s, lambdaD %s, lambdaM %s",
                d.sendRatePerMinute(), num(d.mu()), num(d.lambdaP()), num(d.lambdaL()), num(d.lambdaD()),
                num(d.lambdaM())));
        List<MixDescriptor> gateways = d.gatewayNodes() == null ? List.of() : d.gatewayNodes();
        out.add("gateways (" + gateways.size() + "):");
        for (MixDescriptor g : gateways) {
            out.add(node(g, showAddresses));
        }
        List<List<MixDescriptor>> topology = d.topology() == null ? List.of() : d.topology();
        for (int i = 0; i < topology.size(); i++) {
            List<MixDescriptor> layer = topology.get(i) == null ? List.of() : topology.get(i);
            out.add("layer " + i + " (" + layer.size() + "):");
            for (MixDescriptor m : layer) {
                out.add(node(m, showAddresses));
            }
        }
        List<MixDescriptor> services = d.serviceNodes() == null ? List.of() : d.serviceNodes();
        out.add("service nodes (" + services.size() + "):");
        for (MixDescriptor s : services) {
            out.add(node(s, showAddresses));
            Map<String, String> byCapability = new TreeMap<>();
            if (s.kaetzchen() != null) {
                for (String cap : s.kaetzchen().keySet()) {
                    byCapability.put(cap, s.endpoint(cap).orElse("-"));
                }
            }
            for (Map.Entry<String, String> e : byCapability.entrySet()) {
                out.add("      service " + e.getKey() + " -> endpoint " + e.getValue());
            }
        }
        List<ReplicaDescriptor> replicas = d.storageReplicas() == null ? List.of() : d.storageReplicas();
        out.add("storage replicas (" + replicas.size() + "):");
        for (ReplicaDescriptor r : replicas) {
            out.add("    " + r.name() + "  id " + Text.shortHex(r.idHash())
                    + (showAddresses && r.addresses() != null ? "  " + flat(r.addresses()) : ""));
        }
        return out;
    }

    /** Every service: capability, node, endpoint (what `katzen send --service` accepts). */
    static List<String> services(DocumentBody d) {
        List<String> out = new ArrayList<>();
        List<MixDescriptor> services = d.serviceNodes() == null ? List.of() : d.serviceNodes();
        for (MixDescriptor s : services) {
            if (s.kaetzchen() == null) {
                continue;
            }
            for (String cap : new TreeMap<>(s.kaetzchen()).keySet()) {
                out.add(cap + "@" + s.name() + " endpoint " + s.endpoint(cap).orElse("-"));
            }
        }
        return out;
    }

    private static String node(MixDescriptor m, boolean showAddresses) {
        return "    " + m.name() + "  id " + Text.shortHex(m.idHash())
                + (showAddresses && m.addresses() != null ? "  " + flat(m.addresses()) : "");
    }

    private static String flat(Map<String, List<String>> addresses) {
        List<String> all = new ArrayList<>();
        new TreeMap<>(addresses).forEach((k, v) -> all.addAll(v));
        return String.join(" ", all);
    }

    private static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
