package org.katzen4j.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * A consensus signed by three authorities with the hybrid "Ed25519 Sphincs+" scheme (Go-signed).
 * Both halves of each hybrid signature must verify; tampered copies are made here by editing the
 * signatures and re-encoding the certificate (whose re-encoding is checked byte-exact).
 */
class HybridDocumentTest {
    static final JsonNode V = Vectors.load("pki_hybrid.json");
    static final EpochTime TIME = new EpochTime(Duration.ofSeconds(V.get("periodSeconds").asLong()));
    static final int ED25519_SIG = 64;
    static final int HYBRID_SIG = 64 + 49856;

    static AuthoritySet authorities() throws PkiException {
        return Vectors.authorities(V);
    }

    static long epoch() {
        return V.get("document").get("expect").get("epoch").asLong();
    }

    static byte[] cert() {
        return Vectors.hex(V.get("document").get("certificate"));
    }

    static Document verify(byte[] cert) throws PkiException {
        return UnverifiedDocument.parse(cert).verify(authorities(), Vectors.clockAt(TIME, epoch()), epoch());
    }

    @Test
    void hybridConsensusVerifiesAndReencodes() throws Exception {
        assertThat(authorities().authorities()).allSatisfy(a -> {
            assertThat(a.identityKey().schemeName()).isEqualTo("Ed25519 Sphincs+");
            assertThat(a.identityKey().encoded()).hasSize(96);
        });
        Document d = verify(cert());
        assertThat(d.signers()).hasSize(3);
        assertThat(d.certificate().keyType()).isEqualTo("Ed25519 Sphincs+");
        assertThat(d.body().pkiSignatureScheme()).isEqualTo("Ed25519 Sphincs+");
        assertThat(d.certificate().signatureList()).allSatisfy(s -> assertThat(s.payload()).hasSize(HYBRID_SIG));
        assertThat(d.certificate().encode()).isEqualTo(cert());
        assertThat(Vectors.hex(d.encodeCanonical())).isEqualTo(V.get("document").get("certified").asString());
        assertThat(Vectors.hex(d.encodeDefault())).isEqualTo(V.get("document").get("defaultEncoding").asString());
        assertThat(Vectors.hex(d.body().sphinxGeometryHash())).isEqualTo(V.get("geometryHash").asString());
        for (MixDescriptor m : d.serviceNodes()) {
            assertThat(m.identityKey()).hasSize(96);
        }
    }

    private static byte[] editSignatures(int count, UnaryOperator<byte[]> edit) throws PkiException {
        Certificate c = Certificate.decode(cert());
        List<Certificate.Signature> sigs = new ArrayList<>();
        int i = 0;
        for (Certificate.Signature s : c.signatureList()) {
            byte[] p = s.payload();
            sigs.add(new Certificate.Signature(s.mapKey(), s.publicKeySum256(), i++ < count ? edit.apply(p) : p));
        }
        return new Certificate(c.version(), c.expiration(), c.keyType(), c.certified(), sigs).encode();
    }

    private static UnaryOperator<byte[]> flipAt(int pos) {
        return p -> {
            p[pos] ^= 1;
            return p;
        };
    }

    @Test
    void oneBadSphincsHalfStillMeetsTheThreshold() throws Exception {
        assertThat(verify(editSignatures(1, flipAt(ED25519_SIG + 1000))).signers()).hasSize(2);
    }

    @Test
    void twoBadSphincsHalvesAreRejectedAsForged() {
        assertRejected(() -> editSignatures(2, flipAt(ED25519_SIG + 1000)), PkiException.Kind.FORGED_SIGNATURE);
    }

    @Test
    void twoBadEd25519HalvesAreRejectedAsForged() {
        assertRejected(() -> editSignatures(2, flipAt(10)), PkiException.Kind.FORGED_SIGNATURE);
    }

    @Test
    void wrongLengthSignaturesAreInvalidNotACrash() {
        assertRejected(() -> editSignatures(3, p -> java.util.Arrays.copyOf(p, p.length - 1)), PkiException.Kind.FORGED_SIGNATURE);
        assertRejected(() -> editSignatures(3, p -> new byte[0]), PkiException.Kind.FORGED_SIGNATURE);
    }

    interface CertSupplier {
        byte[] get() throws PkiException;
    }

    private static void assertRejected(CertSupplier s, PkiException.Kind kind) {
        assertThatThrownBy(() -> verify(s.get())).isInstanceOfSatisfying(PkiException.class,
                e -> assertThat(e.kind()).isEqualTo(kind));
    }
}
