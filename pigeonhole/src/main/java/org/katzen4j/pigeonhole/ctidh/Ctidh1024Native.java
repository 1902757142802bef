package org.katzen4j.pigeonhole.ctidh;

import java.security.SecureRandom;

/** The JNI entry points of libk4jctidh1024 (see pigeonhole/native/ctidh). */
final class Ctidh1024Native {
    private Ctidh1024Native() {}

    /** sizeof(public_key), or -1 on a big-endian host (unsupported). */
    static native int publicKeySize();

    static native int privateKeySize();

    /** Draws a private key with highctidh's sampler, reading randomness from {@code rng}. */
    static native boolean generatePrivateKey(SecureRandom rng, byte[] out);

    /** Validates {@code pub} and applies the group action of {@code priv}; false if {@code pub} is invalid. */
    static native boolean groupAction(byte[] priv, byte[] pub, byte[] out);

    static native boolean validate(byte[] pub);
}
