package org.katzen4j.pigeonhole.bacap;

import java.nio.charset.StandardCharsets;

/** BACAP constants shared by capabilities and boxes. */
public final class Bacap {
    private static final byte[] PIGEONHOLE_CONTEXT = "pigeonhole context".getBytes(StandardCharsets.US_ASCII);
    public static final int BOX_ID_SIZE = 32;
    public static final int SIGNATURE_SIZE = 64;
    /** Ciphertext expansion of a box (GCM-SIV tag). */
    public static final int CIPHERTEXT_OVERHEAD = 16;

    private Bacap() {}

    /** The context every Pigeonhole channel uses: ASCII "pigeonhole context" (a fresh copy). */
    public static byte[] pigeonholeContext() {
        return PIGEONHOLE_CONTEXT.clone();
    }

    /** Plain Ed25519 verification of a box signature with Go's acceptance rules (box ID = public key). */
    public static boolean verifyBox(byte[] boxId, byte[] ciphertext, byte[] signature) {
        return Ed25519Blinding.verify(boxId, ciphertext, signature);
    }
}
