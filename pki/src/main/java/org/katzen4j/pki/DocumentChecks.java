package org.katzen4j.pki;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.katzen4j.codec.cbor.CborValue;

/**
 * The structural part of the reference's document well-formedness rules (the authorities'
 * {@code IsDocumentWellFormed}; shared-random commit/reveal signatures are not re-checked). The
 * reference client does not apply these to a consensus, so neither does {@link
 * UnverifiedDocument#verify}; they are offered for logging and for callers that opt in.
 */
public final class DocumentChecks {
    /** Longest node name (a Sphinx node ID length). */
    public static final int MAX_NAME_LENGTH = 32;

    private DocumentChecks() {
    }

    /** Every rule the body breaks, in a readable form; empty if it is well formed. */
    public static List<String> problems(DocumentBody d) {
        List<String> out = new ArrayList<>();
        if (!DocumentBody.DOCUMENT_VERSION.equals(d.version())) {
            out.add("document version '" + d.version() + "'");
        }
        if (d.genesisEpoch() == 0) {
            out.add("GenesisEpoch is 0");
        }
        if ((d.priorSharedRandom() == null || d.priorSharedRandom().isEmpty()) && d.genesisEpoch() != d.epoch()) {
            out.add("PriorSharedRandom missing after the genesis epoch");
        }
        Set<String> seen = new HashSet<>();
        if (d.topology() == null || d.topology().isEmpty()) {
            out.add("no topology");
        } else {
            for (int i = 0; i < d.topology().size(); i++) {
                List<MixDescriptor> layer = d.topology().get(i);
                if (layer == null || layer.isEmpty()) {
                    out.add("topology layer " + i + " is empty");
                    continue;
                }
                for (MixDescriptor m : layer) {
                    descriptor(m, d.epoch(), out);
                    unique(m, seen, out);
                }
            }
        }
        if (d.gatewayNodes() == null || d.gatewayNodes().isEmpty()) {
            out.add("no gateway nodes");
        } else {
            for (MixDescriptor m : d.gatewayNodes()) {
                descriptor(m, d.epoch(), out);
                if (!m.isGatewayNode()) {
                    out.add(m.name() + ": listed as gateway without IsGatewayNode");
                }
                unique(m, seen, out);
            }
        }
        if (d.serviceNodes() == null || d.serviceNodes().isEmpty()) {
            out.add("no service nodes");
        } else {
            for (MixDescriptor m : d.serviceNodes()) {
                descriptor(m, d.epoch(), out);
                if (!m.isServiceNode()) {
                    out.add(m.name() + ": listed as service node without IsServiceNode");
                }
                unique(m, seen, out);
            }
        }
        if (d.storageReplicas() != null) {
            for (ReplicaDescriptor r : d.storageReplicas()) {
                replica(r, out);
            }
        }
        return out;
    }

    private static void unique(MixDescriptor m, Set<String> seen, List<String> out) {
        if (m.idHash() != null && !seen.add(HexFormat.of().formatHex(m.idHash()))) {
            out.add(m.name() + ": listed more than once");
        }
    }

    private static void descriptor(MixDescriptor m, long epoch, List<String> out) {
        String n = m.name();
        if (n.isEmpty()) {
            out.add("descriptor without a name");
        } else if (n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_LENGTH) {
            out.add(n + ": name longer than " + MAX_NAME_LENGTH + " bytes");
        }
        if (m.linkKey() == null) {
            out.add(n + ": no LinkKey");
        }
        if (m.identityKey() == null) {
            out.add(n + ": no IdentityKey");
        }
        Map<Long, byte[]> keys = m.mixKeys();
        if (keys == null || keys.get(epoch) == null) {
            out.add(n + ": no mix key for epoch " + epoch);
        }
        if (keys != null) {
            for (long e : keys.keySet()) {
                if (Long.compareUnsigned(e, epoch) < 0 || Long.compareUnsigned(e, epoch + 3) >= 0) {
                    out.add(n + ": mix key for epoch " + Long.toUnsignedString(e) + " outside [epoch, epoch+3)");
                }
            }
        }
        addresses(n, m.addresses(), m.isGatewayNode(), false, out);
        if (!m.isServiceNode()) {
            if (m.kaetzchen() != null) {
                out.add(n + ": Kaetzchen on a node that is not a service node");
            }
        } else if (m.kaetzchen() != null) {
            for (Map.Entry<String, Map<String, CborValue>> e : m.kaetzchen().entrySet()) {
                if (e.getKey().isEmpty()) {
                    out.add(n + ": empty capability name");
                } else if (e.getValue() == null) {
                    out.add(n + ": capability '" + e.getKey() + "' has no parameters");
                } else if (!(e.getValue().get(MixDescriptor.ENDPOINT) instanceof CborValue.Text t)) {
                    out.add(n + ": capability '" + e.getKey() + "' has no text endpoint");
                } else if (t.value().isEmpty() || t.value().length() > MixDescriptor.MAX_ENDPOINT_LENGTH) {
                    out.add(n + ": capability '" + e.getKey() + "' endpoint length out of bounds");
                }
            }
        }
    }

    private static void replica(ReplicaDescriptor r, List<String> out) {
        String n = r.name();
        if (n.isEmpty()) {
            out.add("replica without a name");
        } else if (n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_LENGTH) {
            out.add(n + ": name longer than " + MAX_NAME_LENGTH + " bytes");
        }
        if (r.linkKey() == null) {
            out.add(n + ": no LinkKey");
        }
        if (r.identityKey() == null) {
            out.add(n + ": no IdentityKey");
        }
        if (r.envelopeKeys() == null || r.envelopeKeys().isEmpty()) {
            out.add(n + ": no EnvelopeKeys");
        }
        addresses(n, r.addresses(), false, true, out);
    }

    private static void addresses(String n, Map<String, List<String>> addrs, boolean gateway, boolean replica,
            List<String> out) {
        if (addrs == null || addrs.isEmpty()) {
            out.add(n + ": no addresses");
            return;
        }
        for (Map.Entry<String, List<String>> e : addrs.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                out.add(n + ": empty address list for transport '" + e.getKey() + "'");
                continue;
            }
            for (String url : e.getValue()) {
                String scheme;
                try {
                    scheme = new URI(url).getScheme();
                } catch (URISyntaxException x) {
                    out.add(n + ": unparsable address '" + url + "'");
                    continue;
                }
                scheme = scheme == null ? "" : scheme;
                switch (scheme) {
                    case "ws", "tcp", "tcp4", "tcp6", "quic" -> {
                    }
                    case "onion" -> {
                        if (replica || !gateway) {
                            out.add(n + ": onion address on a " + (replica ? "replica" : "non-gateway node"));
                        }
                    }
                    default -> out.add(n + ": unsupported address scheme in '" + url + "'");
                }
            }
        }
    }
}
