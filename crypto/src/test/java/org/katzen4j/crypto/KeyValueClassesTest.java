package org.katzen4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The behaviour the NIKE, KEM and signature key classes share, checked on one scheme of each kind. */
class KeyValueClassesTest {
    private static List<PrivateKeyMaterial> keys(String label) {
        return List.of(Schemes.X25519.generate(new TestRandom(label + " nike")),
                Schemes.XWING.generate(new TestRandom(label + " kem")),
                Schemes.ED25519.generate(new TestRandom(label + " sign")));
    }

    @Test
    void privateKeysCopyOutHideTheirBytesAndRefuseUseOnceClosed() {
        for (PrivateKeyMaterial k : keys("close")) {
            byte[] a = k.encoded();
            a[0] ^= 1;
            assertThat(k.encoded()).isNotEqualTo(a);
            String name = k.getClass().getSimpleName();
            assertThat(k.toString()).isEqualTo(name + "[" + k.schemeName() + "]")
                    .doesNotContain(HexFormat.of().formatHex(k.encoded()).substring(0, 8));
            assertThat(k.toPem()).contains("PRIVATE KEY");
            assertThat(k.isDestroyed()).isFalse();
            k.close();
            k.close();
            assertThat(k.isDestroyed()).isTrue();
            assertThat(k.toString()).isEqualTo(name + "[" + k.schemeName() + ", closed]");
            assertThatThrownBy(k::encoded).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThatThrownBy(k::toPem).isInstanceOf(IllegalStateException.class);
            assertThat(k.publicKey().encoded()).hasSize(k.publicKey().size());
        }
    }

    @Test
    void publicKeysAreEqualByClassSchemeAndBytes() throws CryptoException {
        List<PrivateKeyMaterial> first = keys("equal");
        List<PrivateKeyMaterial> again = keys("equal");
        List<PrivateKeyMaterial> other = keys("other");
        for (int i = 0; i < first.size(); i++) {
            PublicKeyMaterial p = first.get(i).publicKey();
            assertThat(p).isEqualTo(again.get(i).publicKey()).hasSameHashCodeAs(again.get(i).publicKey());
            assertThat(p).isNotEqualTo(other.get(i).publicKey()).isNotEqualTo(null).isNotEqualTo(p.encoded());
            assertThat(p.toString()).startsWith(p.getClass().getSimpleName() + "[" + p.schemeName() + ", hash=");
            assertThat(p.keyHash()).hasSize(32);
            assertThat(p.toPem()).contains("PUBLIC KEY");
        }
        // same 32 bytes, different kinds of key: never equal
        byte[] raw = first.get(0).publicKey().encoded();
        NikePublicKey nike = Schemes.X25519.publicKeyFromBytes(raw);
        SignaturePublicKey sig = Schemes.ED25519.publicKeyFromBytes(raw);
        assertThat((Object) nike).isNotEqualTo(sig);
    }
}
