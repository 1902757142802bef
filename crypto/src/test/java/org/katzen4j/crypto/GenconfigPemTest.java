package org.katzen4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PEM key files written by the reference genconfig load here and the keys work. */
class GenconfigPemTest {

    private static String read(String path) throws IOException {
        try (InputStream in = GenconfigPemTest.class.getResourceAsStream("/genconfig/" + path)) {
            if (in == null) {
                throw new IOException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "ed25519-xwing, Ed25519, xwing",
        "ed25519sphincs-mlkem768, Ed25519 Sphincs+, MLKEM768",
        "ed448sphincs-xwing, ed448-sphincs+, XWING"
    })
    void genconfigKeysLoadAndWork(String dir, String pkiScheme, String wireKem) throws Exception {
        SignatureScheme sig = Schemes.signature(pkiScheme);
        SignaturePublicKey idPub = sig.publicKeyFromPem(read(dir + "/identity.public.pem"));
        try (SignaturePrivateKey idPriv = sig.privateKeyFromPem(read(dir + "/identity.private.pem"))) {
            assertThat(idPriv.publicKey()).isEqualTo(idPub);
            byte[] msg = "katzen4j genconfig".getBytes(StandardCharsets.US_ASCII);
            assertThat(sig.verify(idPub, msg, sig.sign(idPriv, msg))).isTrue();
        }
        // re-encoding gives the file's exact text
        assertThat(idPub.toPem()).isEqualTo(read(dir + "/identity.public.pem"));

        KemScheme kem = Schemes.kem(wireKem);
        KemPublicKey linkPub = kem.publicKeyFromPem(read(dir + "/link.public.pem"));
        assertThat(linkPub.toPem()).isEqualTo(read(dir + "/link.public.pem"));
        try (KemPrivateKey linkPriv = kem.privateKeyFromPem(read(dir + "/link.private.pem"))) {
            assertThat(linkPriv.publicKey()).isEqualTo(linkPub);
            assertThat(linkPriv.toPem()).isEqualTo(read(dir + "/link.private.pem"));
            try (KemEncapsulation e = kem.encapsulate(linkPub, new TestRandom("genconfig " + dir))) {
                assertThat(kem.decapsulate(linkPriv, e.ciphertext())).isEqualTo(e.sharedSecret());
            }
        }

        // the wrong scheme's PEM is refused by label, naming both labels
        assertThatThrownBy(() -> kem.publicKeyFromPem(read(dir + "/identity.public.pem")))
                .isInstanceOfSatisfying(CryptoException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CryptoException.Kind.WRONG_PEM_LABEL);
                    assertThat(e.getMessage()).contains(Pem.publicLabel(kem.name()), "PUBLIC KEY");
                });
        assertThatThrownBy(() -> sig.publicKeyFromPem(read(dir + "/identity.private.pem")))
                .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.WRONG_PEM_LABEL));
    }
}
