package org.katzen4j.daemon.channel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.katzen4j.pigeonhole.query.StorageReplica;

/**
 * The storage replicas of one PKI document, in document order (a replica number is an index into
 * this list), each with its envelope public keys per replica epoch.
 *
 * @param pkiEpoch the document's epoch (written into every courier envelope)
 */
public record ReplicaDirectory(long pkiEpoch, List<Replica> replicas) {

    /** One storage replica: identity key (for sharding) and envelope keys by replica epoch. */
    public record Replica(byte[] identityKey, Map<Long, byte[]> envelopeKeys) {
        public Replica {
            identityKey = identityKey.clone();
            Map<Long, byte[]> copy = new HashMap<>();
            envelopeKeys.forEach((k, v) -> copy.put(k, v.clone()));
            envelopeKeys = Map.copyOf(copy);
        }

        @Override
        public byte[] identityKey() {
            return identityKey.clone();
        }

        public Optional<byte[]> envelopeKey(long replicaEpoch) {
            byte[] k = envelopeKeys.get(replicaEpoch);
            return k == null || k.length == 0 ? Optional.empty() : Optional.of(k.clone());
        }
    }

    public ReplicaDirectory {
        replicas = List.copyOf(replicas);
    }

    /** The view query preparation uses: identity keys and the envelope keys of {@code replicaEpoch}. */
    public List<StorageReplica> forReplicaEpoch(long replicaEpoch) {
        List<StorageReplica> out = new ArrayList<>(replicas.size());
        for (Replica r : replicas) {
            out.add(new StorageReplica(r.identityKey(), r.envelopeKey(replicaEpoch).orElse(null)));
        }
        return out;
    }

    /** The envelope key of replica number {@code num} for {@code replicaEpoch}, if listed. */
    public Optional<byte[]> envelopeKey(int num, long replicaEpoch) {
        if (num < 0 || num >= replicas.size()) {
            return Optional.empty();
        }
        return replicas.get(num).envelopeKey(replicaEpoch);
    }
}
