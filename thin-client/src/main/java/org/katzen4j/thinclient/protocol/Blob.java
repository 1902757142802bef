package org.katzen4j.thinclient.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable byte string of any length (a Go {@code []byte} field). A Java {@code null} Blob
 * is a nil slice on the wire ({@code null}); {@link #EMPTY} is the zero-length byte string
 * ({@code h''}); the reference distinguishes the two.
 */
public final class Blob {
    public static final Blob EMPTY = new Blob(new byte[0]);

    private final byte[] bytes;

    private Blob(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}; null gives null. */
    public static Blob of(byte[] bytes) {
        return bytes == null ? null : new Blob(bytes.clone());
    }

    public static Blob utf8(String text) {
        return new Blob(text.getBytes(StandardCharsets.UTF_8));
    }

    static Blob wrap(byte[] owned) {
        return new Blob(owned);
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    byte[] internal() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The bytes as UTF-8 text (e.g. a recipient queue id). */
    public String asUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Blob b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 16));
        return "Blob[" + bytes.length + ": " + hex + (bytes.length > 16 ? "…" : "") + "]";
    }

    static byte[] raw(Blob b) {
        return b == null ? null : b.bytes;
    }

    static boolean sameContent(Blob b, byte[] other) {
        return b != null && Arrays.equals(b.bytes, Objects.requireNonNull(other));
    }
}
