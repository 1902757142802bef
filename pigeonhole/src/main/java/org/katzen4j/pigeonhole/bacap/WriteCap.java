package org.katzen4j.pigeonhole.bacap;

import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.PigeonholeException.Kind;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A BACAP write capability: the root Ed25519 private key in Go's 64-byte form (32-byte seed, then
 * the 32-byte public key) followed by the first {@link MessageBoxIndex}; 168 bytes in all.
 * Decoding recomputes the public key from the seed and rejects a mismatch.
 */
public final class WriteCap implements AutoCloseable {
    public static final int SIZE = 64 + MessageBoxIndex.SIZE;

    private final byte[] seed;
    private final byte[] rootPublicKey;
    private final MessageBoxIndex firstIndex;

    private WriteCap(byte[] seed, byte[] rootPublicKey, MessageBoxIndex firstIndex) {
        this.seed = seed;
        this.rootPublicKey = rootPublicKey;
        this.firstIndex = firstIndex;
    }

    /** A new capability; randomness is read as the reference does: seed (32), chain key (32), start (16). */
    public static WriteCap generate(SecureRandom rng) {
        byte[] seed = new byte[32];
        rng.nextBytes(seed);
        byte[] pub = Ed25519Blinding.publicFromSeed(seed);
        try {
            return new WriteCap(seed, pub, MessageBoxIndex.random(rng));
        } catch (PigeonholeException e) {
            // only reachable if the random start is 2^64-1, which the masking rules out
            throw new IllegalStateException(e);
        }
    }

    public static WriteCap fromBytes(byte[] b) throws PigeonholeException {
        if (b == null || b.length != SIZE) {
            throw new PigeonholeException(Kind.INVALID_CAPABILITY, "write capability must be " + SIZE + " bytes");
        }
        byte[] seed = Arrays.copyOf(b, 32);
        byte[] pub = Arrays.copyOfRange(b, 32, 64);
        if (!MessageDigest.isEqual(Ed25519Blinding.publicFromSeed(seed), pub)) {
            Arrays.fill(seed, (byte) 0);
            throw new PigeonholeException(Kind.INVALID_CAPABILITY, "write capability public key does not match its seed");
        }
        return new WriteCap(seed, pub, MessageBoxIndex.fromBytes(Arrays.copyOfRange(b, 64, SIZE)));
    }

    public byte[] toBytes() {
        byte[] out = new byte[SIZE];
        System.arraycopy(seed, 0, out, 0, 32);
        System.arraycopy(rootPublicKey, 0, out, 32, 32);
        System.arraycopy(firstIndex.toBytes(), 0, out, 64, MessageBoxIndex.SIZE);
        return out;
    }

    /** The matching read capability (same root public key, same first index). */
    public ReadCap readCap() {
        try {
            return new ReadCap(rootPublicKey, MessageBoxIndex.fromBytes(firstIndex.toBytes()));
        } catch (PigeonholeException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] rootPublicKey() {
        return rootPublicKey.clone();
    }

    byte[] rootPublicKeyRaw() {
        return rootPublicKey;
    }

    byte[] seedRaw() {
        return seed;
    }

    public MessageBoxIndex firstIndex() {
        return firstIndex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WriteCap w && MessageDigest.isEqual(toBytes(), w.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rootPublicKey);
    }

    @Override
    public String toString() {
        return "WriteCap[...]";
    }

    @Override
    public void close() {
        Arrays.fill(seed, (byte) 0);
        firstIndex.close();
    }
}
