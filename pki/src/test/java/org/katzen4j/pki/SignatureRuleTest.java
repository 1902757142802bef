package org.katzen4j.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.katzen4j.sphinx.commands.RoutingCommand;

import tools.jackson.databind.JsonNode;

/** The reference's counting rule on certificates edited here (re-encoding is byte-exact). */
class SignatureRuleTest {
    static final long E = 3_000_000L;

    static byte[] caseCert(String name) {
        for (JsonNode c : DocumentVectorTest.V.get("cases")) {
            if (c.get("name").asString().equals(name)) {
                return c.has("certificate") ? Vectors.hex(c.get("certificate"))
                        : Vectors.hex(DocumentVectorTest.doc(c.get("document").asString()).get("certificate"));
            }
        }
        throw new IllegalArgumentException(name);
    }

    static Document verify(byte[] cert) throws PkiException {
        return UnverifiedDocument.parse(cert).verify(Vectors.authorities(DocumentVectorTest.V),
                Vectors.clockAt(DocumentVectorTest.TIME, E), E);
    }

    static byte[] key(int b) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) b);
        return k;
    }

    @Test
    void oneAuthorityFiledTwiceCountsOnce() throws Exception {
        Certificate c = Certificate.decode(caseCert("under-threshold-one-signature"));
        Certificate.Signature s = c.signatureList().get(0);
        Certificate doubled = c.withSignature(new Certificate.Signature(key(7), s.publicKeySum256(), s.payload()));
        assertThat(doubled.signatureList()).hasSize(2);
        assertThatThrownBy(() -> verify(doubled.encode())).isInstanceOfSatisfying(PkiException.class,
                e -> assertThat(e.kind()).isEqualTo(PkiException.Kind.UNDER_SIGNED));
    }

    @Test
    void signaturesAreMatchedByTheirInnerKeyHashNotTheMapKey() throws Exception {
        Certificate c = Certificate.decode(caseCert("valid"));
        List<Certificate.Signature> moved = new ArrayList<>();
        int i = 1;
        for (Certificate.Signature s : c.signatureList()) {
            moved.add(new Certificate.Signature(key(i++), s.publicKeySum256(), s.payload()));
        }
        byte[] edited = new Certificate(c.version(), c.expiration(), c.keyType(), c.certified(), moved).encode();
        assertThat(verify(edited).signers()).hasSize(3);
    }

    @Test
    void aValidSignatureNextToAForgedOneForTheSameAuthorityCounts() throws Exception {
        // Go stops at the first entry with a matching hash (random map order); we accept if any verifies.
        Certificate c = Certificate.decode(caseCert("exactly-threshold-two-signatures"));
        Certificate.Signature s = c.signatureList().get(0);
        byte[] bad = s.payload();
        bad[0] ^= 1;
        Certificate edited = c.withSignature(new Certificate.Signature(key(9), s.publicKeySum256(), bad));
        assertThat(verify(edited.encode()).signers()).hasSize(2);
    }

    @Test
    void changingTheExpirationInvalidatesEverySignature() throws Exception {
        Certificate c = Certificate.decode(caseCert("valid"));
        byte[] edited = new Certificate(c.version(), c.expiration() + 1, c.keyType(), c.certified(), c.signatureList()).encode();
        assertThatThrownBy(() -> verify(edited)).isInstanceOfSatisfying(PkiException.class,
                e -> assertThat(e.kind()).isEqualTo(PkiException.Kind.FORGED_SIGNATURE));
    }

    @Test
    void signedMessageLayout() throws Exception {
        Certificate c = new Certificate(0, 0x01234567L, "Ed25519", "hello katzenpost".getBytes(), null);
        assertThat(Vectors.hex(c.signedMessage()))
                .isEqualTo("00000000" + "6745230100000000" + "45643235353139" + "68656c6c6f206b61747a656e706f7374");
    }

    @Test
    void descriptorsBecomeSphinxHops() throws Exception {
        Document d = verify(caseCert("valid"));
        MixDescriptor mix = d.layers().get(0).get(0);
        var hop = mix.hop(E, List.<RoutingCommand>of()).orElseThrow();
        assertThat(hop.id()).isEqualTo(mix.idHash());
        assertThat(hop.publicKey()).isEqualTo(mix.mixKey(E).orElseThrow());
        assertThat(mix.hop(E + 3, List.<RoutingCommand>of())).isEmpty();
    }
}
