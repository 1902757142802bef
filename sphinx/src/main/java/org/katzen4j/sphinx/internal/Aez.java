package org.katzen4j.sphinx.internal;

import java.util.Arrays;

/**
 * AEZ v5 (Hoang, Krovetz, Rogaway) as the Sphinx payload SPRP: authenticator length τ = 0, no
 * associated data, 48-byte key used directly as I ‖ J ‖ L, nonce of any length. With τ = 0 the
 * scheme is a length-preserving tweakable wide-block cipher over the whole payload.
 *
 * <p>Runs on the native AES-NI library when {@link AezNative#isAvailable()} (one JNI call per
 * message; constant time), otherwise on the pure-Java {@link AezJava} (table-based AES, not
 * constant time). Both give identical bytes. {@code -Dkatzen4j.aez.native=false} (or
 * {@code KATZEN4J_AEZ_NATIVE=0}) forces the Java path.
 */
public final class Aez {
    public static final int KEY_LENGTH = 48;

    private final byte[] key;
    private final AezJava java;   // only when the native library is not in use

    /** @param key exactly 48 bytes */
    public Aez(byte[] key) {
        checkKey(key);
        this.key = key.clone();
        this.java = AezNative.isAvailable() ? null : new AezJava(key);
    }

    /** Encrypts {@code msg} (τ = 0, no AD) under this key and {@code nonce}. Returns a new array. */
    public byte[] encrypt(byte[] nonce, byte[] msg) {
        return java != null ? java.encrypt(nonce, msg) : AezNative.encrypt(key, nonce, msg);
    }

    /** Inverse of {@link #encrypt}. */
    public byte[] decrypt(byte[] nonce, byte[] msg) {
        return java != null ? java.decrypt(nonce, msg) : AezNative.decrypt(key, nonce, msg);
    }

    /** One-shot encryption. */
    public static byte[] encrypt(byte[] key, byte[] nonce, byte[] msg) {
        checkKey(key);
        return AezNative.isAvailable() ? AezNative.encrypt(key, nonce, msg) : AezJava.encrypt(key, nonce, msg);
    }

    /** One-shot decryption. */
    public static byte[] decrypt(byte[] key, byte[] nonce, byte[] msg) {
        checkKey(key);
        return AezNative.isAvailable() ? AezNative.decrypt(key, nonce, msg) : AezJava.decrypt(key, nonce, msg);
    }

    /** Length of one entry of {@link #replyLayers}: a 48-byte key, then a 16-byte nonce. */
    public static final int LAYER_ENTRY_LENGTH = 64;

    /**
     * Removes the AEZ layers of a Sphinx reply payload in one pass: {@code entries} holds one
     * 64-byte entry per layer (48-byte key, then 16-byte nonce: the SURB decryption keys' layout);
     * in order, every layer but the last is encrypted and the last one decrypted. Equal to that
     * sequence of {@link #encrypt(byte[], byte[], byte[])} / {@link #decrypt(byte[], byte[], byte[])}
     * calls, but on the native path it is one call over one copy of the message. Returns a new
     * array; {@code msg} and {@code entries} are not changed.
     */
    public static byte[] replyLayers(byte[] entries, byte[] msg) {
        int layers = entries.length / LAYER_ENTRY_LENGTH;
        if (layers < 1 || entries.length % LAYER_ENTRY_LENGTH != 0) {
            throw new IllegalArgumentException("AEZ layer entries must be a positive multiple of 64 bytes, got "
                    + entries.length);
        }
        if (AezNative.isAvailable() && layers <= AezNative.MAX_LAYERS) {
            byte[] out = msg.clone();
            if (AezNative.layers(entries, layers, 1L << (layers - 1), out, 0, out.length) == 0) {
                return out;
            }
        }
        byte[] b = msg;
        byte[] key = new byte[KEY_LENGTH];
        byte[] nonce = new byte[LAYER_ENTRY_LENGTH - KEY_LENGTH];
        try {
            for (int i = 0; i < layers; i++) {
                System.arraycopy(entries, i * LAYER_ENTRY_LENGTH, key, 0, KEY_LENGTH);
                System.arraycopy(entries, i * LAYER_ENTRY_LENGTH + KEY_LENGTH, nonce, 0, nonce.length);
                b = i == layers - 1 ? AezJava.decrypt(key, nonce, b) : AezJava.encrypt(key, nonce, b);
            }
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(nonce, (byte) 0);
        }
        return b == msg ? msg.clone() : b;
    }

    /** "native (PATH)" or "java (REASON)": which implementation this process uses, and why. */
    public static String implementation() {
        return AezNative.isAvailable()
                ? "native AES-NI (" + AezNative.source() + ")"
                : "pure Java (" + AezNative.unavailableReason() + ")";
    }

    /** Overwrites all key-derived state. */
    public void wipe() {
        Arrays.fill(key, (byte) 0);
        if (java != null) {
            java.wipe();
        }
    }

    private static void checkKey(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("AEZ key must be 48 bytes, got " + key.length);
        }
    }
}
