package org.katzen4j.pki;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.katzen4j.codec.ByteWriter;
import org.katzen4j.codec.DecodeException;
import org.katzen4j.codec.cbor.CborMap;
import org.katzen4j.codec.cbor.CborReader;
import org.katzen4j.codec.cbor.CborValue;

/**
 * The signed wrapper the authorities put around a document (reference {@code core/cert}): a
 * canonical CBOR map
 *
 * <pre>
 * Version    uint32  (must be 0)
 * Expiration uint64  epoch from which the certificate is no longer valid (document epoch + 5)
 * KeyType    text    signature scheme name, e.g. "Ed25519"
 * Certified  bytes   the certified payload (canonical CBOR of the document)
 * Signatures {bytes(32) key hash: {PublicKeySum256: bytes(32), Payload: bytes}} or null
 * </pre>
 *
 * Every signature covers {@link #signedMessage()} = LE32(Version) ‖ LE64(Expiration) ‖
 * UTF-8(KeyType) ‖ Certified, so verifying never re-encodes CBOR.
 */
public record Certificate(long version, long expiration, String keyType, byte[] certified,
        List<Signature> signatures) {

    public static final long CERT_VERSION = 0;
    public static final int KEY_HASH_SIZE = 32;

    /** One authority's signature; {@code mapKey} is the key it is filed under in the map. */
    public record Signature(byte[] mapKey, byte[] publicKeySum256, byte[] payload) {
        public Signature {
            mapKey = checkHash(mapKey, "signature map key");
            publicKeySum256 = checkHash(publicKeySum256, "PublicKeySum256");
            payload = Objects.requireNonNull(payload, "payload").clone();
        }

        public static Signature of(byte[] keyHash, byte[] payload) {
            return new Signature(keyHash, keyHash, payload);
        }

        @Override
        public byte[] mapKey() {
            return mapKey.clone();
        }

        @Override
        public byte[] publicKeySum256() {
            return publicKeySum256.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        boolean signedBy(byte[] keyHash) {
            return GoFields.constantTimeEquals(publicKeySum256, keyHash);
        }

        CborMap toCbor() {
            return CborMap.builder().put("PublicKeySum256", publicKeySum256).put("Payload", payload).build();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Signature s && Arrays.equals(mapKey, s.mapKey)
                    && Arrays.equals(publicKeySum256, s.publicKeySum256) && Arrays.equals(payload, s.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(publicKeySum256);
        }

        @Override
        public String toString() {
            return "Signature[" + GoFields.hexPrefix(publicKeySum256) + ", " + payload.length + " bytes]";
        }
    }

    private static byte[] checkHash(byte[] h, String what) {
        Objects.requireNonNull(h, what);
        if (h.length != KEY_HASH_SIZE) {
            throw new IllegalArgumentException(what + " must be " + KEY_HASH_SIZE + " bytes, got " + h.length);
        }
        return h.clone();
    }

    /** {@code signatures} null means the map was absent or CBOR null (the reference treats it as empty). */
    public Certificate {
        if (version < 0 || version > 0xffffffffL) {
            throw new IllegalArgumentException("Version is a uint32: " + version);
        }
        Objects.requireNonNull(keyType, "keyType");
        certified = GoFields.copy(certified);
        signatures = signatures == null ? null : Collections.unmodifiableList(new ArrayList<>(signatures));
    }

    @Override
    public byte[] certified() {
        return GoFields.copy(certified);
    }

    /** Signatures in wire order; empty when the map was null. */
    public List<Signature> signatureList() {
        return signatures == null ? List.of() : signatures;
    }

    /**
     * Decodes a certificate as the reference does (unknown keys ignored, missing keys zero) and
     * applies the format part of its sanity check: version 0, a key type, a non-empty payload.
     * Expiry is checked separately by {@link #checkNotExpired(long)} because it needs a clock.
     */
    public static Certificate decode(byte[] data) throws PkiException {
        Certificate c;
        try {
            CborMap m = CborReader.decode(data).asMap("certificate");
            List<Signature> sigs = null;
            CborMap sm = GoFields.mapOrNull(m, "Signatures");
            if (sm != null) {
                sigs = new ArrayList<>(sm.size());
                for (Map.Entry<CborValue, CborValue> e : sm.entries()) {
                    byte[] key = e.getKey().asBytes("signature map key", KEY_HASH_SIZE);
                    CborValue sv = e.getValue();
                    if (sv.isNull()) {
                        throw new DecodeException("null signature entry");
                    }
                    CborMap s = sv.asMap("signature");
                    byte[] sum = GoFields.bytes(s, "PublicKeySum256");
                    if (sum == null || sum.length != KEY_HASH_SIZE) {
                        throw new DecodeException("PublicKeySum256 must be " + KEY_HASH_SIZE + " bytes");
                    }
                    byte[] payload = GoFields.bytes(s, "Payload");
                    sigs.add(new Signature(key, sum, payload == null ? new byte[0] : payload));
                }
            }
            c = new Certificate(GoFields.uint(m, "Version", 0xffffffffL), GoFields.uint(m, "Expiration", GoFields.UINT64),
                    GoFields.text(m, "KeyType"), GoFields.bytes(m, "Certified"), sigs);
        } catch (DecodeException e) {
            throw PkiException.malformed("certificate", e);
        }
        if (c.version != CERT_VERSION) {
            throw PkiException.malformed("certificate version " + c.version + " (expected " + CERT_VERSION + ")");
        }
        if (c.keyType.isEmpty()) {
            throw PkiException.malformed("certificate has no KeyType");
        }
        if (c.certified == null || c.certified.length == 0) {
            throw PkiException.malformed("certificate has an empty Certified payload");
        }
        return c;
    }

    /** The reference rule: valid while the current epoch is before {@code Expiration}. */
    public void checkNotExpired(long currentEpoch) throws PkiException {
        if (Long.compareUnsigned(currentEpoch, expiration) >= 0) {
            throw new PkiException(PkiException.Kind.EXPIRED, "certificate expired at epoch "
                    + Long.toUnsignedString(expiration) + ", now epoch " + currentEpoch);
        }
    }

    /** The bytes every signature covers: LE32 version ‖ LE64 expiration ‖ key type ‖ payload. */
    public byte[] signedMessage() {
        byte[] kt = keyType.getBytes(StandardCharsets.UTF_8);
        byte[] body = certified == null ? new byte[0] : certified;
        ByteWriter w = new ByteWriter(12 + kt.length + body.length);
        int v = (int) version;
        w.u8(v).u8(v >>> 8).u8(v >>> 16).u8(v >>> 24);
        for (int i = 0; i < 8; i++) {
            w.u8((int) (expiration >>> (8 * i)));
        }
        w.bytes(kt).bytes(body);
        return w.toByteArray();
    }

    /** Canonical CBOR as the reference writes certificates. */
    public byte[] encode() {
        CborValue sigs;
        if (signatures == null) {
            sigs = CborValue.nul();
        } else {
            CborMap.Builder b = CborMap.builder();
            for (Signature s : signatures) {
                b.put(new CborValue.Bytes(s.mapKey), s.toCbor());
            }
            sigs = b.build();
        }
        return CborMap.builder()
                .put("Version", new CborValue.UInt(version))
                .put("Expiration", new CborValue.UInt(expiration))
                .put("KeyType", keyType)
                .put("Certified", CborValue.of(certified))
                .put("Signatures", sigs)
                .build()
                .encodeCanonical();
    }

    /**
     * A copy signed additionally by {@code signer} (filed under its key hash), as an authority
     * adds its signature. The key type is not checked against the signer's scheme.
     */
    public Certificate signedBy(org.katzen4j.crypto.SignaturePrivateKey signer) {
        byte[] sig = signer.scheme().sign(signer, signedMessage());
        return withSignature(Signature.of(signer.publicKey().keyHash(), sig));
    }

    /** A copy with {@code signature} added (replacing one filed under the same key). */
    public Certificate withSignature(Signature signature) {
        List<Signature> out = new ArrayList<>();
        for (Signature s : signatureList()) {
            if (!Arrays.equals(s.mapKey, signature.mapKey)) {
                out.add(s);
            }
        }
        out.add(signature);
        return new Certificate(version, expiration, keyType, certified, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Certificate c && Arrays.equals(encode(), c.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "Certificate[v" + version + " expires " + Long.toUnsignedString(expiration) + " " + keyType + ", "
                + (certified == null ? 0 : certified.length) + " bytes, " + signatureList().size() + " signatures]";
    }
}
