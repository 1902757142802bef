package org.katzen4j.sphinx.geo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The sizes of a Sphinx packet, as carried by the client configuration ({@code [SphinxGeometry]}
 * in TOML) and by the PKI document (CBOR). Components are in the reference's field order; the
 * reference key names are the constants {@code KEY_*} (used by {@link #toMap()} and
 * {@link #fromMap(Map)}).
 *
 * <p>Exactly one of {@code nikeName} / {@code kemName} is non-empty; the other is {@code ""}.
 * Instances are plain values: a record built from a document keeps whatever numbers the document
 * had ({@link #hash()} is taken over them verbatim). Use {@link #validate()} before relying on it.
 *
 * <pre>
 * NextNodeHopLength       = 1 + 32 + 32 = 65
 * PerHopRoutingInfoLength = 65 + 17 (+ KEM ciphertext size for KEM)
 * RoutingInfoLength       = PerHopRoutingInfoLength * NrHops
 * HeaderLength            = 2 + (NIKE public key | KEM ciphertext) + RoutingInfoLength + 32
 * SURBLength              = HeaderLength + 32 + 64
 * ForwardPayloadLength    = UserForwardPayloadLength + 2 + SURBLength   (with SURB)
 * PacketLength            = HeaderLength + 32 + ForwardPayloadLength
 * </pre>
 */
public record Geometry(
        int packetLength,
        int nrHops,
        int headerLength,
        int routingInfoLength,
        int perHopRoutingInfoLength,
        int surbLength,
        int sphinxPlaintextHeaderLength,
        int payloadTagLength,
        int forwardPayloadLength,
        int userForwardPayloadLength,
        int nextNodeHopLength,
        int sprpKeyMaterialLength,
        String nikeName,
        String kemName) {

    public static final String KEY_PACKET_LENGTH = "PacketLength";
    public static final String KEY_NR_HOPS = "NrHops";
    public static final String KEY_HEADER_LENGTH = "HeaderLength";
    public static final String KEY_ROUTING_INFO_LENGTH = "RoutingInfoLength";
    public static final String KEY_PER_HOP_ROUTING_INFO_LENGTH = "PerHopRoutingInfoLength";
    public static final String KEY_SURB_LENGTH = "SURBLength";
    public static final String KEY_SPHINX_PLAINTEXT_HEADER_LENGTH = "SphinxPlaintextHeaderLength";
    public static final String KEY_PAYLOAD_TAG_LENGTH = "PayloadTagLength";
    public static final String KEY_FORWARD_PAYLOAD_LENGTH = "ForwardPayloadLength";
    public static final String KEY_USER_FORWARD_PAYLOAD_LENGTH = "UserForwardPayloadLength";
    public static final String KEY_NEXT_NODE_HOP_LENGTH = "NextNodeHopLength";
    public static final String KEY_SPRP_KEY_MATERIAL_LENGTH = "SPRPKeyMaterialLength";
    public static final String KEY_NIKE_NAME = "NIKEName";
    public static final String KEY_KEM_NAME = "KEMName";

    /** The TOML table name the reference uses for a geometry inside a configuration file. */
    public static final String TOML_TABLE = "SphinxGeometry";

    /** All 14 reference key names, in the reference's field order. */
    public static final List<String> KEYS = List.of(
            KEY_PACKET_LENGTH, KEY_NR_HOPS, KEY_HEADER_LENGTH, KEY_ROUTING_INFO_LENGTH,
            KEY_PER_HOP_ROUTING_INFO_LENGTH, KEY_SURB_LENGTH, KEY_SPHINX_PLAINTEXT_HEADER_LENGTH,
            KEY_PAYLOAD_TAG_LENGTH, KEY_FORWARD_PAYLOAD_LENGTH, KEY_USER_FORWARD_PAYLOAD_LENGTH,
            KEY_NEXT_NODE_HOP_LENGTH, KEY_SPRP_KEY_MATERIAL_LENGTH, KEY_NIKE_NAME, KEY_KEM_NAME);

    /** Node identifier (BLAKE2b-256 of the identity key) length. */
    public static final int NODE_ID_LENGTH = 32;
    /** Recipient (queue) identifier length. */
    public static final int RECIPIENT_ID_LENGTH = 32;
    /** SURB identifier length. */
    public static final int SURB_ID_LENGTH = 16;
    /** Header MAC (HMAC-SHA-256) length. */
    public static final int MAC_LENGTH = 32;
    /** Version bytes at the start of every packet. */
    public static final int AD_LENGTH = 2;
    /** The zero tag prepended to every payload before the SPRP. */
    public static final int PAYLOAD_TAG_LENGTH = 32;
    /** Flags + reserved byte in front of a forward payload. */
    public static final int SPHINX_PLAINTEXT_HEADER_LENGTH = 2;
    /** AEZ key (48) + nonce (16). */
    public static final int SPRP_KEY_MATERIAL_LENGTH = 48 + 16;
    /** NextNodeHop command: tag + node id + MAC. */
    public static final int NEXT_NODE_HOP_LENGTH = 1 + NODE_ID_LENGTH + MAC_LENGTH;
    /** SURBReply command: tag + SURB id. */
    public static final int SURB_REPLY_LENGTH = 1 + SURB_ID_LENGTH;

    public Geometry {
        Objects.requireNonNull(nikeName, "nikeName (use \"\" for a KEM geometry)");
        Objects.requireNonNull(kemName, "kemName (use \"\" for a NIKE geometry)");
    }

    // ---------------------------------------------------------------- derivation

    /**
     * The geometry the reference derives for a NIKE scheme (with a SURB in every forward payload,
     * as all reference configurations do). The scheme size is looked up in {@link SchemeSizes}.
     *
     * @throws IllegalArgumentException for an unknown scheme or non-positive sizes
     */
    public static Geometry nike(String nikeName, int userForwardPayloadLength, int nrHops) {
        OptionalInt pk = SchemeSizes.nikePublicKeySize(nikeName);
        if (pk.isEmpty()) {
            throw new IllegalArgumentException("unknown NIKE scheme " + nikeName);
        }
        return nike(nikeName, pk.getAsInt(), userForwardPayloadLength, true, nrHops);
    }

    /** Like {@link #nike(String, int, int)} for a KEM scheme. */
    public static Geometry kem(String kemName, int userForwardPayloadLength, int nrHops) {
        OptionalInt ct = SchemeSizes.kemCiphertextSize(kemName);
        if (ct.isEmpty()) {
            throw new IllegalArgumentException("unknown KEM scheme " + kemName);
        }
        return kem(kemName, ct.getAsInt(), userForwardPayloadLength, true, nrHops);
    }

    /**
     * Full reference derivation for a NIKE scheme with the given public key size. {@code withSURB =
     * false} is what the reference computes, but such a geometry fails {@link #validate()}.
     */
    public static Geometry nike(String nikeName, int publicKeySize, int userForwardPayloadLength,
                                boolean withSURB, int nrHops) {
        Objects.requireNonNull(nikeName, "nikeName");
        if (nikeName.isEmpty()) {
            throw new IllegalArgumentException("empty NIKE scheme name");
        }
        return derive(nikeName, "", publicKeySize, NEXT_NODE_HOP_LENGTH + SURB_REPLY_LENGTH,
                userForwardPayloadLength, withSURB, nrHops);
    }

    /** Full reference derivation for a KEM scheme with the given ciphertext size. */
    public static Geometry kem(String kemName, int ciphertextSize, int userForwardPayloadLength,
                               boolean withSURB, int nrHops) {
        Objects.requireNonNull(kemName, "kemName");
        if (kemName.isEmpty()) {
            throw new IllegalArgumentException("empty KEM scheme name");
        }
        return derive("", kemName, ciphertextSize, NEXT_NODE_HOP_LENGTH + SURB_REPLY_LENGTH + ciphertextSize,
                userForwardPayloadLength, withSURB, nrHops);
    }

    private static Geometry derive(String nikeName, String kemName, int elementSize, int perHop,
                                   int ufpl, boolean withSURB, int nrHops) {
        if (elementSize <= 0) {
            throw new IllegalArgumentException("scheme element size must be positive: " + elementSize);
        }
        if (nrHops <= 0) {
            throw new IllegalArgumentException("nrHops must be positive: " + nrHops);
        }
        if (ufpl < 0) {
            throw new IllegalArgumentException("userForwardPayloadLength must not be negative: " + ufpl);
        }
        int routingInfo = Math.multiplyExact(perHop, nrHops);
        int header = Math.addExact(AD_LENGTH + elementSize + MAC_LENGTH, routingInfo);
        int surb = Math.addExact(header, NODE_ID_LENGTH + SPRP_KEY_MATERIAL_LENGTH);
        int forward = withSURB ? Math.addExact(ufpl, SPHINX_PLAINTEXT_HEADER_LENGTH + surb) : ufpl;
        int packet = Math.addExact(Math.addExact(header, PAYLOAD_TAG_LENGTH), forward);
        return new Geometry(packet, nrHops, header, routingInfo, perHop, surb,
                SPHINX_PLAINTEXT_HEADER_LENGTH, PAYLOAD_TAG_LENGTH, forward, ufpl, NEXT_NODE_HOP_LENGTH,
                SPRP_KEY_MATERIAL_LENGTH, nikeName, kemName);
    }

    // ---------------------------------------------------------------- accessors

    public boolean isNike() {
        return !nikeName.isEmpty();
    }

    public boolean isKem() {
        return !kemName.isEmpty();
    }

    /** The non-empty scheme name (NIKE or KEM). */
    public String schemeName() {
        return isNike() ? nikeName : kemName;
    }

    /**
     * Size of the per-hop element in the header: NIKE public key (group element) or KEM ciphertext.
     * Computed from the stored lengths (HeaderLength − 2 − RoutingInfoLength − 32).
     */
    public int elementLength() {
        return headerLength - AD_LENGTH - routingInfoLength - MAC_LENGTH;
    }

    /** Length of the encrypted payload block of a packet: tag + forward payload. */
    public int payloadBlockLength() {
        return payloadTagLength + forwardPayloadLength;
    }

    // ---------------------------------------------------------------- validation

    /**
     * Checks what the reference checks (exactly one scheme name, a known scheme, non-zero packet,
     * hop, header and routing-info lengths) and, beyond the reference, that every other field equals
     * what the derivation gives for the scheme, NrHops and UserForwardPayloadLength with a SURB in
     * the forward payload (the only layout the mixes' payload parser accepts).
     *
     * @throws GeometryException with a message naming the first offending field
     */
    public void validate() throws GeometryException {
        if (nikeName.isEmpty() && kemName.isEmpty()) {
            throw new GeometryException("geometry NIKEName or KEMName must be set");
        }
        if (!nikeName.isEmpty() && !kemName.isEmpty()) {
            throw new GeometryException("geometry NIKEName and KEMName must not both be set");
        }
        OptionalInt size = isNike() ? SchemeSizes.nikePublicKeySize(nikeName) : SchemeSizes.kemCiphertextSize(kemName);
        if (size.isEmpty()) {
            throw new GeometryException("geometry has unsupported " + (isNike() ? "NIKE" : "KEM") + " scheme "
                    + schemeName());
        }
        requireNonZero(KEY_PACKET_LENGTH, packetLength);
        requireNonZero(KEY_NR_HOPS, nrHops);
        requireNonZero(KEY_HEADER_LENGTH, headerLength);
        requireNonZero(KEY_ROUTING_INFO_LENGTH, routingInfoLength);
        requireNonZero(KEY_PER_HOP_ROUTING_INFO_LENGTH, perHopRoutingInfoLength);
        if (nrHops < 0 || nrHops > 255) {
            throw new GeometryException("geometry NrHops " + nrHops + " is out of range 1..255");
        }
        if (userForwardPayloadLength < 0) {
            throw new GeometryException("geometry UserForwardPayloadLength is negative: " + userForwardPayloadLength);
        }
        Geometry expected;
        try {
            expected = isNike()
                    ? nike(nikeName, size.getAsInt(), userForwardPayloadLength, true, nrHops)
                    : kem(kemName, size.getAsInt(), userForwardPayloadLength, true, nrHops);
        } catch (ArithmeticException e) {
            throw new GeometryException("geometry sizes overflow for NrHops " + nrHops
                    + " and UserForwardPayloadLength " + userForwardPayloadLength);
        }
        Map<String, Object> want = expected.toMap();
        Map<String, Object> have = toMap();
        for (String k : KEYS) {
            if (!want.get(k).equals(have.get(k))) {
                throw new GeometryException("geometry " + k + " is " + have.get(k) + " but scheme " + schemeName()
                        + " with NrHops " + nrHops + " and UserForwardPayloadLength " + userForwardPayloadLength
                        + " requires " + want.get(k)
                        + (k.equals(KEY_FORWARD_PAYLOAD_LENGTH)
                        ? " (forward payloads must have room for a SURB: UserForwardPayloadLength + 2 + SURBLength)"
                        : ""));
            }
        }
    }

    private static void requireNonZero(String key, int v) throws GeometryException {
        if (v == 0) {
            throw new GeometryException("geometry has " + key + " of 0");
        }
    }

    // ---------------------------------------------------------------- maps

    /** The 14 fields under their reference key names, in reference field order (ints as Integer). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(KEY_PACKET_LENGTH, packetLength);
        m.put(KEY_NR_HOPS, nrHops);
        m.put(KEY_HEADER_LENGTH, headerLength);
        m.put(KEY_ROUTING_INFO_LENGTH, routingInfoLength);
        m.put(KEY_PER_HOP_ROUTING_INFO_LENGTH, perHopRoutingInfoLength);
        m.put(KEY_SURB_LENGTH, surbLength);
        m.put(KEY_SPHINX_PLAINTEXT_HEADER_LENGTH, sphinxPlaintextHeaderLength);
        m.put(KEY_PAYLOAD_TAG_LENGTH, payloadTagLength);
        m.put(KEY_FORWARD_PAYLOAD_LENGTH, forwardPayloadLength);
        m.put(KEY_USER_FORWARD_PAYLOAD_LENGTH, userForwardPayloadLength);
        m.put(KEY_NEXT_NODE_HOP_LENGTH, nextNodeHopLength);
        m.put(KEY_SPRP_KEY_MATERIAL_LENGTH, sprpKeyMaterialLength);
        m.put(KEY_NIKE_NAME, nikeName);
        m.put(KEY_KEM_NAME, kemName);
        return m;
    }

    /**
     * Builds a geometry from reference key names, as a TOML table or CBOR map decodes. Like the
     * reference decoders, a missing key means 0 or "" and unknown keys are ignored; integers may be
     * any {@link Number} holding a whole value that fits an int. Does not {@link #validate()}.
     *
     * @throws GeometryException for a value of the wrong type or out of range
     */
    public static Geometry fromMap(Map<String, ?> m) throws GeometryException {
        Objects.requireNonNull(m, "map");
        return new Geometry(
                intField(m, KEY_PACKET_LENGTH), intField(m, KEY_NR_HOPS), intField(m, KEY_HEADER_LENGTH),
                intField(m, KEY_ROUTING_INFO_LENGTH), intField(m, KEY_PER_HOP_ROUTING_INFO_LENGTH),
                intField(m, KEY_SURB_LENGTH), intField(m, KEY_SPHINX_PLAINTEXT_HEADER_LENGTH),
                intField(m, KEY_PAYLOAD_TAG_LENGTH), intField(m, KEY_FORWARD_PAYLOAD_LENGTH),
                intField(m, KEY_USER_FORWARD_PAYLOAD_LENGTH), intField(m, KEY_NEXT_NODE_HOP_LENGTH),
                intField(m, KEY_SPRP_KEY_MATERIAL_LENGTH), stringField(m, KEY_NIKE_NAME), stringField(m, KEY_KEM_NAME));
    }

    private static int intField(Map<String, ?> m, String key) throws GeometryException {
        Object v = m.get(key);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Number n)) {
            throw new GeometryException("geometry " + key + " must be an integer, got " + v.getClass().getSimpleName());
        }
        long l;
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (d != Math.rint(d)) {
                throw new GeometryException("geometry " + key + " must be an integer, got " + d);
            }
            l = (long) d;
        } else if (n instanceof java.math.BigInteger b) {
            if (b.bitLength() > 31) {
                throw new GeometryException("geometry " + key + " is out of range: " + b);
            }
            l = b.longValue();
        } else {
            l = n.longValue();
        }
        if (l < 0 || l > Integer.MAX_VALUE) {
            throw new GeometryException("geometry " + key + " is out of range: " + l);
        }
        return (int) l;
    }

    private static String stringField(Map<String, ?> m, String key) throws GeometryException {
        Object v = m.get(key);
        if (v == null) {
            return "";
        }
        if (!(v instanceof CharSequence s)) {
            throw new GeometryException("geometry " + key + " must be a string, got " + v.getClass().getSimpleName());
        }
        return s.toString();
    }

    /**
     * The geometry as the reference writes it into a configuration file: a {@code [SphinxGeometry]}
     * TOML table with the 14 keys in field order, two-space indented (byte-identical to the
     * reference's {@code Geometry.Marshal}).
     */
    public String toToml() {
        StringBuilder b = new StringBuilder("[").append(TOML_TABLE).append("]\n");
        for (Map.Entry<String, Object> e : toMap().entrySet()) {
            b.append("  ").append(e.getKey()).append(" = ");
            if (e.getValue() instanceof String str) {
                b.append('"');
                for (char c : str.toCharArray()) {
                    switch (c) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        default -> {
                            if (c < 0x20 || c == 0x7f) {
                                b.append(String.format("\\u%04X", (int) c));
                            } else {
                                b.append(c);
                            }
                        }
                    }
                }
                b.append('"');
            } else {
                b.append(e.getValue());
            }
            b.append('\n');
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- hash

    /**
     * Canonical CBOR of the 14 fields (map with text keys in length-first order, ints as unsigned
     * integers, names as text), as the reference encodes a geometry before hashing it.
     */
    public byte[] canonicalCbor() {
        List<Map.Entry<String, Object>> entries = new ArrayList<>(toMap().entrySet());
        entries.sort(Comparator.comparing((Map.Entry<String, Object> e) -> e.getKey().length())
                .thenComparing(Map.Entry::getKey));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(512);
        cborHead(out, 5, entries.size());
        for (Map.Entry<String, Object> e : entries) {
            cborText(out, e.getKey());
            if (e.getValue() instanceof Integer i) {
                cborHead(out, 0, i.longValue() & 0xffffffffL);
            } else {
                cborText(out, (String) e.getValue());
            }
        }
        return out.toByteArray();
    }

    /** BLAKE2b-256 of {@link #canonicalCbor()}: the value a PKI document's SphinxGeometryHash must equal. */
    public byte[] hash() {
        byte[] c = canonicalCbor();
        Blake2bDigest d = new Blake2bDigest(256);
        d.update(c, 0, c.length);
        byte[] h = new byte[32];
        d.doFinal(h, 0);
        return h;
    }

    /** True if {@code other} (e.g. a document's SphinxGeometryHash) equals {@link #hash()}. */
    public boolean hashEquals(byte[] other) {
        return other != null && Arrays.equals(hash(), other);
    }

    private static void cborText(java.io.ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        cborHead(out, 3, b.length);
        out.writeBytes(b);
    }

    private static void cborHead(java.io.ByteArrayOutputStream out, int major, long v) {
        int mt = major << 5;
        if (v < 24) {
            out.write(mt | (int) v);
        } else if (v < 0x100) {
            out.write(mt | 24);
            out.write((int) v);
        } else if (v < 0x10000) {
            out.write(mt | 25);
            out.write((int) (v >>> 8));
            out.write((int) v);
        } else {
            out.write(mt | 26);
            for (int s = 24; s >= 0; s -= 8) {
                out.write((int) (v >>> s));
            }
        }
    }
}
