package org.katzen4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class Ed25519SignatureTest {
    private static final HexFormat HEX = HexFormat.of();
    private final SignatureScheme s = Schemes.ED25519;

    @Test
    void rfc8032Test2() throws Exception {
        byte[] seed = HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        byte[] pub = HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        byte[] sk = new byte[64];
        System.arraycopy(seed, 0, sk, 0, 32);
        System.arraycopy(pub, 0, sk, 32, 32);
        SignaturePrivateKey k = s.privateKeyFromBytes(sk);
        assertThat(k.publicKey().encoded()).isEqualTo(pub);
        byte[] sig = s.sign(k, new byte[] {0x72});
        assertThat(HEX.formatHex(sig)).isEqualTo(
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                        + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        assertThat(s.verify(k.publicKey(), new byte[] {0x72}, sig)).isTrue();
        assertThat(s.verify(k.publicKey(), new byte[] {0x73}, sig)).isFalse();
        assertThat(s.verify(k.publicKey(), new byte[] {0x72}, Arrays.copyOf(sig, 63))).isFalse();
    }

    @Test
    void mismatchedPrivateKeyHalvesAreRejected() {
        byte[] sk = s.generate(new TestRandom("ed")).encoded();
        sk[40] ^= 1;
        assertThatThrownBy(() -> s.privateKeyFromBytes(sk))
                .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.MALFORMED_KEY));
    }

    @Test
    void pemAndRegistry() throws Exception {
        assertThat(Schemes.signature("ed25519")).isSameAs(s);
        SignaturePrivateKey k = s.generate(new TestRandom("ed pem"));
        assertThat(k.publicKey().toPem()).startsWith("-----BEGIN ED25519 PUBLIC KEY-----\n");
        assertThat(s.publicKeyFromPem(k.publicKey().toPem())).isEqualTo(k.publicKey());
        assertThat(k.publicKey().keyHash()).hasSize(32);
        assertThatThrownBy(() -> Schemes.signature("Ed25519-Dilithium2"))
                .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.UNSUPPORTED));
        assertThatThrownBy(() -> Schemes.kem("nope"))
                .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.UNKNOWN_SCHEME));
    }
}
