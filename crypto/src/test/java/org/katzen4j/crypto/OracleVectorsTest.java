package org.katzen4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.katzen4j.crypto.Vectors.hex;
import static org.katzen4j.crypto.Vectors.str;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Go → Java: values written by the oracle with hpqc v0.0.68 (crypto/nike, crypto/kem, crypto/sign)
 * are reproduced or accepted by this module.
 */
class OracleVectorsTest {

    @Test
    void nike() throws Exception {
        List<JsonNode> cases = Vectors.load("nike.json", "nike");
        assertThat(cases).extracting(c -> str(c, "scheme")).contains("x25519", "x448");
        for (JsonNode c : cases) {
            NikeScheme s = Schemes.nike(str(c, "scheme"));
            assertThat(s.name()).isEqualTo(str(c, "scheme"));
            // Keygen from the same stream position: reading privateKeySize bytes, as Go does.
            NikePrivateKey sk = s.privateKeyFromBytes(hex(c, "private_key"));
            assertThat(hex(sk.publicKey().encoded())).isEqualTo(str(c, "public_key"));
            assertThat(sk.publicKey().toPem()).isEqualTo(str(c, "public_pem"));
            assertThat(sk.toPem()).isEqualTo(str(c, "private_pem"));
            assertThat(s.publicKeyFromPem(str(c, "public_pem"))).isEqualTo(sk.publicKey());
            assertThat(s.privateKeyFromPem(str(c, "private_pem")).encoded()).isEqualTo(sk.encoded());
            assertThat(hex(sk.publicKey().keyHash())).isEqualTo(str(c, "key_hash"));
            NikePrivateKey peer = s.privateKeyFromBytes(hex(c, "peer_private_key"));
            assertThat(hex(peer.publicKey().encoded())).isEqualTo(str(c, "peer_public_key"));
            assertThat(hex(s.deriveSecret(sk, peer.publicKey()))).isEqualTo(str(c, "shared_secret"));
            assertThat(hex(s.deriveSecret(peer, sk.publicKey()))).isEqualTo(str(c, "shared_secret"));
            assertThat(hex(s.blind(sk.publicKey(), hex(c, "blinding_factor")).encoded())).isEqualTo(str(c, "blinded_public_key"));
        }
        // generate(random) consumes the stream like hpqc's GeneratePrivateKey(rng)
        JsonNode first = cases.get(0);
        NikePrivateKey g = Schemes.nike(str(first, "scheme")).generate(new TestRandom("crypto nike x25519 0"));
        assertThat(hex(g.encoded())).isEqualTo(str(first, "private_key"));
    }

    @Test
    void kem() throws Exception {
        List<JsonNode> cases = Vectors.load("kem.json", "kem");
        assertThat(cases).extracting(c -> str(c, "scheme")).contains("XWING", "MLKEM768");
        for (JsonNode c : cases) {
            KemScheme s = Schemes.kem(str(c, "scheme"));
            assertThat(s.name()).isEqualTo(str(c, "scheme"));
            KemPublicKey pk = s.publicKeyFromBytes(hex(c, "public_key"));
            KemPrivateKey sk = s.privateKeyFromBytes(hex(c, "private_key"));
            assertThat(sk.publicKey()).isEqualTo(pk);
            assertThat(pk.toPem()).isEqualTo(str(c, "public_pem"));
            assertThat(sk.toPem()).isEqualTo(str(c, "private_pem"));
            assertThat(s.publicKeyFromPem(str(c, "public_pem"))).isEqualTo(pk);
            assertThat(s.privateKeyFromPem(str(c, "private_pem")).encoded()).isEqualTo(sk.encoded());
            assertThat(hex(pk.keyHash())).isEqualTo(str(c, "key_hash"));
            assertThat(pk.size()).isEqualTo(s.publicKeySize());
            // hpqc DeriveKeyPair(seed) reproduced byte for byte
            assertThat(s.seedSize()).as(s.name()).isEqualTo(c.get("seed").asString().length() / 2);
            assertThat(hex(s.deriveKeyPair(hex(c, "seed")).encoded())).as("%s deriveKeyPair", s.name())
                    .isEqualTo(str(c, "private_key"));
            assertThat(sk.size()).isEqualTo(s.privateKeySize());
            for (JsonNode e : c.get("encaps")) {
                byte[] ct = hex(e, "ciphertext");
                assertThat(ct).hasSize(s.ciphertextSize());
                assertThat(hex(s.decapsulate(sk, ct))).as("%s decaps (%s)", s.name(), e.path("note").asString(""))
                        .isEqualTo(str(e, "shared_secret"));
                if (e.has("randomness")) {
                    byte[] rnd = hex(e, "randomness");
                    KemEncapsulation enc = s == Schemes.XWING
                            ? XWingKem.INSTANCE.encapsulate(pk.raw(), Arrays.copyOf(rnd, 32), Arrays.copyOfRange(rnd, 32, 64))
                            : s.encapsulate(pk, new FixedBytes(rnd));
                    assertThat(hex(enc.ciphertext())).isEqualTo(hex(ct));
                    assertThat(hex(enc.sharedSecret())).isEqualTo(str(e, "shared_secret"));
                }
            }
        }
    }

    @Test
    void sign() throws Exception {
        List<JsonNode> cases = Vectors.load("sign.json", "sign");
        assertThat(cases).extracting(c -> str(c, "scheme"))
                .contains("Ed25519", "Ed448", "Sphincs+", "Ed25519 Sphincs+", "Ed448-Sphincs+");
        assertThat(cases).filteredOn(c -> c.has("derive_seed")).hasSize(2);
        for (JsonNode c : cases) {
            SignatureScheme s = Schemes.signature(str(c, "scheme"));
            assertThat(s.name()).isEqualTo(str(c, "scheme"));
            SignaturePublicKey pk = s.publicKeyFromBytes(hex(c, "public_key"));
            SignaturePrivateKey sk = s.privateKeyFromBytes(hex(c, "private_key"));
            assertThat(sk.publicKey()).as(s.name()).isEqualTo(pk);
            assertThat(pk.toPem()).isEqualTo(str(c, "public_pem"));
            assertThat(sk.toPem()).isEqualTo(str(c, "private_pem"));
            assertThat(s.publicKeyFromPem(str(c, "public_pem"))).isEqualTo(pk);
            assertThat(hex(pk.keyHash())).isEqualTo(str(c, "key_hash"));
            byte[] msg = hex(c, "message");
            byte[] sig = hex(c, "signature");
            assertThat(s.verify(pk, msg, sig)).as("%s verifies Go signature", s.name()).isTrue();
            byte[] other = msg.clone();
            other[0] ^= 1;
            assertThat(s.verify(pk, other, sig)).isFalse();
            byte[] flipped = sig.clone();
            flipped[flipped.length - 1] ^= 1;
            assertThat(s.verify(pk, msg, flipped)).isFalse();
            assertThat(s.verify(pk, msg, Arrays.copyOf(sig, sig.length - 1))).isFalse();
            if (!s.name().contains("Sphincs")) {
                // deterministic schemes: Java's signature is byte-identical
                assertThat(hex(s.sign(sk, msg))).isEqualTo(str(c, "signature"));
            }
            if (c.has("derive_seed")) {
                SignaturePrivateKey d = s.deriveKey(hex(c, "derive_seed"));
                assertThat(hex(d.encoded())).as("%s deriveKey", s.name()).isEqualTo(str(c, "derived_private_key"));
                assertThat(hex(d.publicKey().encoded())).isEqualTo(str(c, "derived_public_key"));
            } else {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.deriveKey(new byte[32]))
                        .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.UNSUPPORTED));
            }
            // keys derived from the same stream as the oracle's
            SignaturePrivateKey g = s.generate(new TestRandom("crypto sign " + s.name()));
            assertThat(hex(g.encoded())).as("%s generate(stream)", s.name()).isEqualTo(str(c, "private_key"));
        }
    }

    /** A SecureRandom that returns given bytes. */
    static final class FixedBytes extends java.security.SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] data;
        private int pos;

        FixedBytes(byte[] data) {
            this.data = data;
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            System.arraycopy(data, pos, bytes, 0, bytes.length);
            pos += bytes.length;
        }
    }
}
