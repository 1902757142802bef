package org.katzen4j.pigeonhole;

import org.katzen4j.sphinx.geo.Geometry;

/**
 * The Pigeonhole geometry of the reference ({@code pigeonhole/geo}): the largest box message and
 * four derived lengths. Only {@code maxPlaintextPayloadLength} drives behaviour; the two reply
 * lengths come from an obsolete layout and are kept because configuration files carry them.
 *
 * <p>Derived from a Sphinx geometry: M = UserForwardPayloadLength - (287 + NIKE public key size),
 * so M = U - 447 for CTIDH1024-X25519.
 */
public record PigeonholeGeometry(
        int maxPlaintextPayloadLength,
        int courierQueryReadLength,
        int courierQueryWriteLength,
        int courierQueryReplyReadLength,
        int courierQueryReplyWriteLength,
        String nikeName,
        String signatureSchemeName) {

    public static final String SIGNATURE_SCHEME = "Ed25519";
    /** TOML table name in client configuration files. */
    public static final String TOML_TABLE = "PigeonholeGeometry";

    static final int BACAP_OVERHEAD = 16;
    static final int LENGTH_PREFIX = 4;
    static final int MKEM_OVERHEAD = 12 + 16;
    static final int BOX_ID = 32;
    static final int SIGNATURE = 64;
    static final int REPLICA_WRITE_FIXED = BOX_ID + SIGNATURE + 4;
    /** Courier envelope bytes besides the sender key and the ciphertext. */
    static final int ENVELOPE_FIXED = 2 + 60 + 60 + 1 + 8 + 2 + 4;

    /** The geometry the reference computes for a box size and NIKE. */
    public static PigeonholeGeometry of(int maxPlaintextPayloadLength, String nikeName) {
        int pk = pkSize(nikeName);
        int m = maxPlaintextPayloadLength;
        int readInner = 1 + BOX_ID;
        int readLen = 1 + ENVELOPE_FIXED + pk + readInner + MKEM_OVERHEAD;
        int writeInner = 1 + REPLICA_WRITE_FIXED + m + LENGTH_PREFIX + BACAP_OVERHEAD;
        int writeLen = 1 + ENVELOPE_FIXED + pk + writeInner + MKEM_OVERHEAD;
        int replyFixed = 2 + (1 + 8 + 4);
        int replyRead = replyFixed + (1 + (BOX_ID + 1 + 4 + SIGNATURE + m) + MKEM_OVERHEAD);
        int replyWrite = replyFixed + (1 + (4 + 2) + MKEM_OVERHEAD);
        return new PigeonholeGeometry(m, readLen, writeLen, replyRead, replyWrite, nikeName, SIGNATURE_SCHEME);
    }

    /** Derives the geometry whose write query exactly fills the Sphinx user forward payload. */
    public static PigeonholeGeometry fromSphinx(Geometry sphinx, String nikeName) throws PigeonholeException {
        return fromUserForwardPayloadLength(sphinx.userForwardPayloadLength(), nikeName);
    }

    public static PigeonholeGeometry fromUserForwardPayloadLength(int userForwardPayloadLength, String nikeName)
            throws PigeonholeException {
        int overhead = totalOverhead(pkSize(nikeName));
        int m = userForwardPayloadLength - overhead;
        if (m <= 0) {
            throw new PigeonholeException(PigeonholeException.Kind.BAD_PAYLOAD, "Sphinx UserForwardPayloadLength "
                    + userForwardPayloadLength + " is too small for Pigeonhole (overhead " + overhead + ")");
        }
        return of(m, nikeName);
    }

    /** Everything a write query adds around a box message: 287 + public key size. */
    public static int totalOverhead(int nikePublicKeySize) {
        return 1 + ENVELOPE_FIXED + nikePublicKeySize + MKEM_OVERHEAD + 1 + REPLICA_WRITE_FIXED + BACAP_OVERHEAD + LENGTH_PREFIX;
    }

    private static int pkSize(String nikeName) {
        return NikeSizes.publicKeySize(nikeName)
                .orElseThrow(() -> new IllegalArgumentException("unknown NIKE scheme " + nikeName));
    }

    /** The reference's checks: positive M, known NIKE, Ed25519 signatures. */
    public void validate() throws PigeonholeException {
        if (maxPlaintextPayloadLength <= 0) {
            throw new PigeonholeException(PigeonholeException.Kind.BAD_PAYLOAD, "MaxPlaintextPayloadLength must be positive");
        }
        if (nikeName == null || nikeName.isEmpty() || NikeSizes.publicKeySize(nikeName).isEmpty()) {
            throw new PigeonholeException(PigeonholeException.Kind.BAD_KEY, "unknown NIKE scheme " + nikeName);
        }
        if (!SIGNATURE_SCHEME.equals(signatureSchemeName)) {
            throw new PigeonholeException(PigeonholeException.Kind.BAD_KEY, "SignatureSchemeName must be Ed25519");
        }
    }

    /** Size of a box plaintext: M + 4. */
    public int paddedPayloadLength() {
        return maxPlaintextPayloadLength + LENGTH_PREFIX;
    }

    /** Size of a box ciphertext: M + 20. */
    public int boxCiphertextLength() {
        return paddedPayloadLength() + BACAP_OVERHEAD;
    }

    /** MKEM ciphertext of a read request: 61. */
    public int courierEnvelopeCiphertextSizeRead() {
        return 1 + BOX_ID + MKEM_OVERHEAD;
    }

    /** MKEM ciphertext of a write request: M + 149. */
    public int courierEnvelopeCiphertextSizeWrite() {
        return 1 + REPLICA_WRITE_FIXED + boxCiphertextLength() + MKEM_OVERHEAD;
    }

    /** MKEM reply of a found read: M + 150. */
    public int envelopeReplySizeRead() {
        return 1 + (1 + BOX_ID + SIGNATURE + 4 + boxCiphertextLength()) + MKEM_OVERHEAD;
    }

    /** The reference's (wrong, see spec) write reply size: 30. */
    public int envelopeReplySizeWrite() {
        return 1 + 1 + MKEM_OVERHEAD;
    }
}
