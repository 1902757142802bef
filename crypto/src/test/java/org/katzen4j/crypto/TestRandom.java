package org.katzen4j.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * The oracle's {@code detRand(label)} in Java: the SHAKE-256 stream of {@code "katzen4j oracle " + label}.
 * Lets tests draw the same bytes Go drew.
 */
final class TestRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final transient SHAKEDigest shake = new SHAKEDigest(256);

    TestRandom(String label) {
        byte[] in = ("katzen4j oracle " + label).getBytes(StandardCharsets.UTF_8);
        shake.update(in, 0, in.length);
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        shake.doOutput(bytes, 0, bytes.length);
    }
}
