package org.katzen4j.config;

import java.util.Base64;
import java.util.Locale;

/**
 * Structural check of a PEM public key held in a config string, as the reference's
 * {@code FromPublicPEMString} does at load: the first PEM block must have the type
 * {@code "<SCHEME> PUBLIC KEY"} (compared upper-cased) and a body of exactly the scheme's public key
 * size. Turning the bytes into a key object is left to the crypto module.
 */
final class PemText {

    private PemText() {
    }

    /** Thrown with a reason suitable for a config problem message. */
    static final class PemException extends Exception {
        private static final long serialVersionUID = 1L;

        PemException(String message) {
            super(message);
        }
    }

    /** Decodes the first PEM block and checks its type and length; returns the key bytes. */
    static byte[] publicKey(String pem, HpqcSchemes.Scheme scheme) throws PemException {
        String want = scheme.publicPemType();
        int begin = findBegin(pem);
        if (begin < 0) {
            throw new PemException("not PEM: no '-----BEGIN' line (expected a " + want + ")");
        }
        int typeStart = begin + "-----BEGIN ".length();
        int eol = pem.indexOf('\n', typeStart);
        String beginLine = (eol < 0 ? pem.substring(typeStart) : pem.substring(typeStart, eol)).stripTrailing();
        if (!beginLine.endsWith("-----")) {
            throw new PemException("not PEM: malformed BEGIN line");
        }
        String type = beginLine.substring(0, beginLine.length() - 5);
        String end = "-----END " + type + "-----";
        int endAt = eol < 0 ? -1 : pem.indexOf(end, eol);
        if (endAt < 0) {
            throw new PemException("not PEM: no matching '" + end + "' line");
        }
        String body = pem.substring(eol + 1, endAt);
        if (body.contains(":")) {
            throw new PemException("PEM headers are not expected in a public key block");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new PemException("PEM body is not valid base64");
        }
        if (!type.toUpperCase(Locale.ROOT).equals(want)) {
            throw new PemException("wrong PEM key type '" + type + "', expected '" + want + "'");
        }
        if (bytes.length != scheme.publicKeySize()) {
            throw new PemException(scheme.name() + " public key must be " + scheme.publicKeySize()
                    + " bytes, PEM holds " + bytes.length);
        }
        return bytes;
    }

    private static int findBegin(String pem) {
        String marker = "-----BEGIN ";
        int at = pem.indexOf(marker);
        while (at > 0 && pem.charAt(at - 1) != '\n') {
            at = pem.indexOf(marker, at + 1);
        }
        return at;
    }
}
