package org.katzen4j.crypto;

import java.util.Base64;
import java.util.Locale;

/**
 * hpqc's PEM: label {@code "<UPPERCASE(scheme name)> PUBLIC KEY"} (or {@code PRIVATE KEY}) around
 * base64 of the raw key bytes, no headers and no ASN.1. Output matches Go's
 * {@code pem.EncodeToMemory} (64-character lines, trailing newline). Parsing ignores text before the
 * first BEGIN line and compares labels case-insensitively, as hpqc does.
 */
public final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {
    }

    /** A decoded block: its label exactly as written, and the body bytes. */
    public record Block(String label, byte[] bytes) {
        public Block {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public String toString() {
            return "Pem.Block[" + label + ", " + bytes.length + " bytes]";
        }
    }

    /** The label hpqc uses for a public key of the named scheme. */
    public static String publicLabel(String schemeName) {
        return schemeName.toUpperCase(Locale.ROOT) + " PUBLIC KEY";
    }

    /** The label hpqc uses for a private key of the named scheme. */
    public static String privateLabel(String schemeName) {
        return schemeName.toUpperCase(Locale.ROOT) + " PRIVATE KEY";
    }

    /** Encodes a block exactly as Go's {@code pem.EncodeToMemory} without headers. */
    public static String encode(String label, byte[] body) {
        String b64 = Base64.getEncoder().encodeToString(body);
        StringBuilder sb = new StringBuilder(b64.length() + b64.length() / 64 + 2 * label.length() + 40);
        sb.append(BEGIN).append(label).append(DASHES).append('\n');
        for (int i = 0; i < b64.length(); i += 64) {
            sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        sb.append(END).append(label).append(DASHES).append('\n');
        return sb.toString();
    }

    /** Decodes the first PEM block in the text. */
    public static Block decode(String text) throws CryptoException {
        int begin = findLineStart(text, BEGIN);
        if (begin < 0) {
            throw new CryptoException(CryptoException.Kind.MALFORMED_PEM, null, "no PEM BEGIN line found");
        }
        int labelStart = begin + BEGIN.length();
        int eol = lineEnd(text, labelStart);
        String beginLine = stripCr(text.substring(labelStart, eol)).strip();
        if (!beginLine.endsWith(DASHES)) {
            throw new CryptoException(CryptoException.Kind.MALFORMED_PEM, null, "PEM BEGIN line is not terminated by -----");
        }
        String label = beginLine.substring(0, beginLine.length() - DASHES.length());
        String endMarker = END + label + DASHES;
        int bodyStart = Math.min(text.length(), eol + 1);
        int end = text.indexOf(endMarker, bodyStart);
        if (end < 0) {
            throw new CryptoException(CryptoException.Kind.MALFORMED_PEM, null, "PEM block \"" + label + "\" has no matching END line");
        }
        String body = text.substring(bodyStart, end);
        if (body.indexOf(':') >= 0) {
            throw new CryptoException(CryptoException.Kind.MALFORMED_PEM, null, "PEM block \"" + label + "\" has headers; hpqc keys have none");
        }
        StringBuilder b64 = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                b64.append(c);
            }
        }
        try {
            return new Block(label, Base64.getDecoder().decode(b64.toString()));
        } catch (IllegalArgumentException e) {
            throw new CryptoException(CryptoException.Kind.MALFORMED_PEM, null, "PEM block \"" + label + "\" has invalid base64", e);
        }
    }

    /** Decodes the first block and checks its label case-insensitively against {@code expectedLabel}. */
    public static byte[] decode(String text, String expectedLabel, String scheme) throws CryptoException {
        Block b;
        try {
            b = decode(text);
        } catch (CryptoException e) {
            throw new CryptoException(e.kind(), scheme, scheme + ": " + e.getMessage() + " (expected " + expectedLabel + ")", e);
        }
        if (!b.label().toUpperCase(Locale.ROOT).equals(expectedLabel)) {
            throw new CryptoException(CryptoException.Kind.WRONG_PEM_LABEL, scheme,
                    scheme + ": PEM label is \"" + b.label() + "\", expected \"" + expectedLabel + "\"");
        }
        return b.bytes;
    }

    static String encodeKey(String label, byte[] raw) {
        boolean allZero = true;
        for (byte x : raw) {
            if (x != 0) {
                allZero = false;
                break;
            }
        }
        if (allZero) {
            // hpqc refuses to serialise a scrubbed key; so do we.
            throw new IllegalStateException("refusing to PEM-encode an all-zero key (" + label + ")");
        }
        return encode(label, raw);
    }

    private static int findLineStart(String text, String marker) {
        int from = 0;
        while (true) {
            int i = text.indexOf(marker, from);
            if (i < 0) {
                return -1;
            }
            if (i == 0 || text.charAt(i - 1) == '\n') {
                return i;
            }
            from = i + 1;
        }
    }

    private static int lineEnd(String text, int from) {
        int i = text.indexOf('\n', from);
        return i < 0 ? text.length() : i;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
