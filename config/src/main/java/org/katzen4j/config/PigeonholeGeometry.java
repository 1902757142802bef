package org.katzen4j.config;

import java.util.List;
import java.util.Objects;

/**
 * The {@code [PigeonholeGeometry]} table: payload sizes of Pigeonhole courier queries and replies,
 * the replicas' NIKE and the BACAP signature scheme. Component order and key names are the
 * reference's ({@code pigeonhole/geo.Geometry}).
 *
 * <p>The configuration-file view of the geometry (key names, reference validation); the pigeonhole
 * module's {@link org.katzen4j.pigeonhole.PigeonholeGeometry} holds the same seven values plus the
 * derivations: convert with {@link #toPigeonhole()} / {@link #of(org.katzen4j.pigeonhole.PigeonholeGeometry)}.
 */
public record PigeonholeGeometry(
        int maxPlaintextPayloadLength,
        int courierQueryReadLength,
        int courierQueryWriteLength,
        int courierQueryReplyReadLength,
        int courierQueryReplyWriteLength,
        String nikeName,
        String signatureSchemeName) {

    public static final String TOML_TABLE = "PigeonholeGeometry";
    public static final String KEY_MAX_PLAINTEXT_PAYLOAD_LENGTH = "MaxPlaintextPayloadLength";
    public static final String KEY_COURIER_QUERY_READ_LENGTH = "CourierQueryReadLength";
    public static final String KEY_COURIER_QUERY_WRITE_LENGTH = "CourierQueryWriteLength";
    public static final String KEY_COURIER_QUERY_REPLY_READ_LENGTH = "CourierQueryReplyReadLength";
    public static final String KEY_COURIER_QUERY_REPLY_WRITE_LENGTH = "CourierQueryReplyWriteLength";
    public static final String KEY_NIKE_NAME = "NIKEName";
    public static final String KEY_SIGNATURE_SCHEME_NAME = "SignatureSchemeName";

    /** The seven reference keys in field order. */
    public static final List<String> KEYS = List.of(KEY_MAX_PLAINTEXT_PAYLOAD_LENGTH,
            KEY_COURIER_QUERY_READ_LENGTH, KEY_COURIER_QUERY_WRITE_LENGTH, KEY_COURIER_QUERY_REPLY_READ_LENGTH,
            KEY_COURIER_QUERY_REPLY_WRITE_LENGTH, KEY_NIKE_NAME, KEY_SIGNATURE_SCHEME_NAME);

    /** The only BACAP signature scheme the reference accepts. */
    public static final String SIGNATURE_SCHEME = "Ed25519";

    public PigeonholeGeometry {
        Objects.requireNonNull(nikeName, "nikeName");
        Objects.requireNonNull(signatureSchemeName, "signatureSchemeName");
    }

    /**
     * The reference's checks: a positive MaxPlaintextPayloadLength, a NIKEName hpqc knows, and
     * SignatureSchemeName exactly {@code Ed25519}. Returns the first failure's message, or null.
     */
    public String referenceProblem() {
        Geometries.Failure f = Geometries.pigeonholeReferenceProblem(this);
        return f == null ? null : f.message();
    }

    /** The pigeonhole module's geometry with the same values. */
    public org.katzen4j.pigeonhole.PigeonholeGeometry toPigeonhole() {
        return new org.katzen4j.pigeonhole.PigeonholeGeometry(maxPlaintextPayloadLength, courierQueryReadLength,
                courierQueryWriteLength, courierQueryReplyReadLength, courierQueryReplyWriteLength, nikeName,
                signatureSchemeName);
    }

    /** The configuration view of a pigeonhole-module geometry. */
    public static PigeonholeGeometry of(org.katzen4j.pigeonhole.PigeonholeGeometry g) {
        return new PigeonholeGeometry(g.maxPlaintextPayloadLength(), g.courierQueryReadLength(),
                g.courierQueryWriteLength(), g.courierQueryReplyReadLength(), g.courierQueryReplyWriteLength(),
                g.nikeName(), g.signatureSchemeName());
    }
}
