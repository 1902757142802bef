package org.katzen4j.pigeonhole.replica;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.PigeonholeException.Kind;

/**
 * Which storage replicas hold a box, and which two replicas a client sends an envelope through,
 * exactly as the reference computes them ({@code replica/common} Shard2/GetShards and
 * {@code pigeonhole} GetRandomIntermediateReplicas). Replicas are given as their identity keys in
 * PKI document order; results are indexes into that list (the "replica numbers" on the wire).
 */
public final class Sharding {
    /** Each box is stored on this many replicas. */
    public static final int SHARDS = 2;

    private Sharding() {}

    static byte[] blake2b256(byte[]... parts) {
        Blake2bDigest d = new Blake2bDigest(256);
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    private static int compareUnsigned(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /**
     * The two identity keys with the smallest BLAKE2b-256(key || boxId), smallest first, with the
     * reference's tie and sentinel rules (the starting bound is 13 bytes of 0xff then zeros). An entry
     * is null if fewer than two keys beat the sentinel.
     */
    public static byte[][] shard2(byte[] boxId, List<byte[]> identityKeys) {
        byte[] h0 = sentinel();
        byte[] h1 = sentinel();
        byte[] k0 = null;
        byte[] k1 = null;
        for (byte[] key : identityKeys) {
            byte[] h = blake2b256(key, boxId);
            if (compareUnsigned(h1, h) < 0) {
                continue;
            }
            if (compareUnsigned(h0, h) < 0) {
                h1 = h;
                k1 = key;
            } else {
                h1 = h0;
                k1 = k0;
                h0 = h;
                k0 = key;
            }
        }
        return new byte[][] {k0 == null ? null : k0.clone(), k1 == null ? null : k1.clone()};
    }

    private static byte[] sentinel() {
        byte[] s = new byte[32];
        Arrays.fill(s, 0, 13, (byte) 0xff);
        return s;
    }

    /**
     * Document indexes of the box's two shards (GetShards, then the first replica with an equal
     * identity key).
     */
    public static int[] shardIndexes(byte[] boxId, List<byte[]> identityKeys) throws PigeonholeException {
        if (identityKeys.isEmpty()) {
            throw new PigeonholeException(Kind.REPLICAS_UNAVAILABLE, "the PKI document has no storage replicas");
        }
        byte[][] keys = shard2(boxId, identityKeys);
        int[] out = new int[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            out[i] = indexOf(keys[i], identityKeys);
            if (out[i] < 0) {
                throw new PigeonholeException(Kind.REPLICAS_UNAVAILABLE, "no storage replica for shard " + i);
            }
        }
        return out;
    }

    private static int indexOf(byte[] key, List<byte[]> identityKeys) {
        if (key == null) {
            return -1;
        }
        for (int j = 0; j < identityKeys.size(); j++) {
            if (MessageDigest.isEqual(key, identityKeys.get(j))) {
                return j;
            }
        }
        return -1;
    }

    /**
     * The two intermediate replicas for an envelope about {@code boxId}: with 2 replicas [0, 1]; with 3,
     * [first shard, a random other]; with 4 or more, two distinct random replicas that are not shards.
     */
    public static int[] intermediateReplicas(byte[] boxId, List<byte[]> identityKeys, RandomGenerator rng)
            throws PigeonholeException {
        int n = identityKeys.size();
        if (n > 255) {
            throw new PigeonholeException(Kind.REPLICAS_UNAVAILABLE, "more than 255 storage replicas cannot be numbered");
        }
        int[] shards = shardIndexes(boxId, identityKeys);
        if (n < 2) {
            throw new PigeonholeException(Kind.REPLICAS_UNAVAILABLE, "need at least 2 storage replicas, have " + n);
        }
        if (n == 2) {
            return new int[] {0, 1};
        }
        if (n == 3) {
            int r2;
            do {
                r2 = rng.nextInt(n);
            } while (r2 == shards[0]);
            return new int[] {shards[0], r2};
        }
        int r1;
        do {
            r1 = rng.nextInt(n);
        } while (r1 == shards[0] || r1 == shards[1]);
        int r2;
        do {
            r2 = rng.nextInt(n);
        } while (r2 == r1 || r2 == shards[0] || r2 == shards[1]);
        return new int[] {r1, r2};
    }
}
