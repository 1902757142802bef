package org.katzen4j.pigeonhole.mkem;

import java.util.Arrays;

/** A NIKE key pair; {@link #close()} wipes the private key. */
public final class NikeKeyPair implements AutoCloseable {
    private final byte[] publicKey;
    private final byte[] privateKey;

    public NikeKeyPair(byte[] publicKey, byte[] privateKey) {
        this.publicKey = publicKey.clone();
        this.privateKey = privateKey.clone();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] privateKey() {
        return privateKey.clone();
    }

    @Override
    public void close() {
        Arrays.fill(privateKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "NikeKeyPair[public=" + publicKey.length + "B]";
    }
}
