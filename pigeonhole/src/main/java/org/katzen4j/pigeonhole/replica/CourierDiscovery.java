package org.katzen4j.pigeonhole.replica;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Finding courier services in a PKI document: every service node whose Kaetzchen map has the
 * {@code courier} capability; its destination is (BLAKE2b-256 of the node's identity key, the
 * UTF-8 bytes of the capability's {@code endpoint}).
 */
public final class CourierDiscovery {
    /** Capability name and endpoint of the courier service. */
    public static final String COURIER_CAPABILITY = "courier";

    /** The view of a service node descriptor this class needs (the pki module provides the real one). */
    public interface ServiceNode {
        byte[] identityKey();

        /** Capability name to its parameters (at least {@code endpoint}). */
        Map<String, Map<String, Object>> kaetzchen();
    }

    /** Where to send courier queries: the service node's identity hash and the recipient queue ID. */
    public record Destination(byte[] identityHash, byte[] queueId) {
        public Destination {
            identityHash = identityHash.clone();
            queueId = queueId.clone();
        }

        @Override
        public byte[] identityHash() {
            return identityHash.clone();
        }

        @Override
        public byte[] queueId() {
            return queueId.clone();
        }
    }

    private CourierDiscovery() {}

    /** All services with the capability, in document order; nodes whose endpoint is not a string are skipped. */
    public static List<Destination> find(String capability, List<? extends ServiceNode> serviceNodes) {
        List<Destination> out = new ArrayList<>();
        for (ServiceNode n : serviceNodes) {
            Map<String, Object> params = n.kaetzchen().get(capability);
            if (params == null) {
                continue;
            }
            if (params.get("endpoint") instanceof String endpoint) {
                Blake2bDigest d = new Blake2bDigest(256);
                byte[] id = n.identityKey();
                d.update(id, 0, id.length);
                byte[] h = new byte[32];
                d.doFinal(h, 0);
                out.add(new Destination(h, endpoint.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return Collections.unmodifiableList(out);
    }

    public static List<Destination> couriers(List<? extends ServiceNode> serviceNodes) {
        return find(COURIER_CAPABILITY, serviceNodes);
    }

    /** One courier chosen uniformly at random, as the reference thin client does. */
    public static Optional<Destination> randomCourier(List<? extends ServiceNode> serviceNodes, RandomGenerator rng) {
        List<Destination> all = couriers(serviceNodes);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(rng.nextInt(all.size())));
    }
}
