package org.katzen4j.pigeonhole.bacap;

import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.PigeonholeException.Kind;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A BACAP read capability: the root Ed25519 public key and the first message box index
 * (root public key 32 bytes, then the 104-byte {@link MessageBoxIndex}; 136 bytes in all).
 * Decoding checks that the key is a curve point (the reference would crash later on a bad one).
 */
public final class ReadCap implements AutoCloseable {
    public static final int SIZE = 32 + MessageBoxIndex.SIZE;

    private final byte[] rootPublicKey;
    private final MessageBoxIndex firstIndex;

    ReadCap(byte[] rootPublicKey, MessageBoxIndex firstIndex) {
        this.rootPublicKey = rootPublicKey.clone();
        this.firstIndex = firstIndex;
    }

    public static ReadCap fromBytes(byte[] b) throws PigeonholeException {
        if (b == null || b.length != SIZE) {
            throw new PigeonholeException(Kind.INVALID_CAPABILITY, "read capability must be " + SIZE + " bytes");
        }
        byte[] pk = Arrays.copyOf(b, 32);
        try {
            EdPoint.decode(pk);
        } catch (IllegalArgumentException e) {
            throw new PigeonholeException(Kind.INVALID_CAPABILITY, "read capability root key is not a curve point");
        }
        return new ReadCap(pk, MessageBoxIndex.fromBytes(Arrays.copyOfRange(b, 32, SIZE)));
    }

    public byte[] toBytes() {
        byte[] out = new byte[SIZE];
        System.arraycopy(rootPublicKey, 0, out, 0, 32);
        System.arraycopy(firstIndex.toBytes(), 0, out, 32, MessageBoxIndex.SIZE);
        return out;
    }

    public byte[] rootPublicKey() {
        return rootPublicKey.clone();
    }

    byte[] rootPublicKeyRaw() {
        return rootPublicKey;
    }

    public MessageBoxIndex firstIndex() {
        return firstIndex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadCap r && MessageDigest.isEqual(toBytes(), r.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rootPublicKey);
    }

    @Override
    public String toString() {
        return "ReadCap[...]";
    }

    @Override
    public void close() {
        firstIndex.close();
    }
}
