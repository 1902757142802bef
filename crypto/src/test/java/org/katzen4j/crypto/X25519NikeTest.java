package org.katzen4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class X25519NikeTest {
    private static final HexFormat HEX = HexFormat.of();
    private final NikeScheme s = Schemes.X25519;

    @Test
    void rfc7748DiffieHellman() throws Exception {
        // RFC 7748 section 6.1
        NikePrivateKey alice = s.privateKeyFromBytes(HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        NikePrivateKey bob = s.privateKeyFromBytes(HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        assertThat(HEX.formatHex(alice.publicKey().encoded())).isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        assertThat(HEX.formatHex(bob.publicKey().encoded())).isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        byte[] k1 = s.deriveSecret(alice, bob.publicKey());
        byte[] k2 = s.deriveSecret(bob, alice.publicKey());
        assertThat(HEX.formatHex(k1)).isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742").isEqualTo(HEX.formatHex(k2));
    }

    @Test
    void blindCommutes() throws Exception {
        NikePrivateKey a = s.generate(new TestRandom("test a"));
        byte[] f = new byte[32];
        new TestRandom("test f").nextBytes(f);
        NikePublicKey blinded = s.blind(a.publicKey(), f);
        NikePrivateKey fk = s.privateKeyFromBytes(f);
        assertThat(blinded.encoded()).isEqualTo(s.deriveSecret(a, fk.publicKey()));
    }

    @Test
    void zeroSharedSecretIsRejected() throws Exception {
        NikePrivateKey a = s.generate(new TestRandom("test a"));
        NikePublicKey lowOrder = s.publicKeyFromBytes(new byte[32]);
        assertThatThrownBy(() -> s.deriveSecret(a, lowOrder))
                .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.ZERO_SHARED_SECRET));
    }

    @Test
    void wrongSizes() {
        assertThatThrownBy(() -> s.publicKeyFromBytes(new byte[31]))
                .isInstanceOfSatisfying(CryptoException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CryptoException.Kind.WRONG_SIZE);
                    assertThat(e.getMessage()).contains("x25519", "public key", "32", "31");
                });
        assertThatThrownBy(() -> s.privateKeyFromBytes(new byte[33]))
                .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.WRONG_SIZE));
        assertThatThrownBy(() -> s.blind(s.generate(new TestRandom("x")).publicKey(), new byte[3]))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void closeWipesAndHidesKey() {
        NikePrivateKey a = s.generate(new TestRandom("close"));
        assertThat(a.toString()).doesNotContain(HEX.formatHex(a.encoded()).substring(0, 8));
        a.close();
        assertThat(a.isDestroyed()).isTrue();
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(a::encoded);
    }

    @Test
    void pemRoundTripAndLabel() throws Exception {
        NikePrivateKey a = s.generate(new TestRandom("pem"));
        String pem = a.publicKey().toPem();
        assertThat(pem).startsWith("-----BEGIN X25519 PUBLIC KEY-----\n").endsWith("-----END X25519 PUBLIC KEY-----\n");
        assertThat(s.publicKeyFromPem(pem)).isEqualTo(a.publicKey());
        assertThat(s.privateKeyFromPem(a.toPem()).encoded()).isEqualTo(a.encoded());
        assertThatThrownBy(() -> s.privateKeyFromPem(pem))
                .isInstanceOfSatisfying(CryptoException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CryptoException.Kind.WRONG_PEM_LABEL);
                    assertThat(e.getMessage()).contains("X25519 PUBLIC KEY", "X25519 PRIVATE KEY");
                });
    }
}
