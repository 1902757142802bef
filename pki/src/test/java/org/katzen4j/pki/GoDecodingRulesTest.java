package org.katzen4j.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.katzen4j.codec.cbor.CborMap;
import org.katzen4j.codec.cbor.CborValue;

/** Decoding leniencies and strictness that follow the reference's CBOR decoder. */
class GoDecodingRulesTest {

    static DocumentBody decode(CborMap m) throws PkiException {
        return DocumentBody.decode(m.encode());
    }

    @Test
    void missingKeysAreZeroAndUnknownKeysIgnored() throws Exception {
        DocumentBody d = decode(CborMap.builder().put("Epoch", 7).put("SomethingNew", "x").build());
        assertThat(d.epoch()).isEqualTo(7);
        assertThat(d.topology()).isNull();
        assertThat(d.version()).isEmpty();
        assertThat(d.mu()).isZero();
    }

    @Test
    void keysMatchCaseInsensitivelyAsAFallback() throws Exception {
        assertThat(decode(CborMap.builder().put("epoch", 9).build()).epoch()).isEqualTo(9);
    }

    @Test
    void floatFieldsAcceptIntegersAndAllFloatWidths() throws Exception {
        assertThat(decode(CborMap.builder().put("Mu", 2).put("LambdaP", -3).build()).lambdaP()).isEqualTo(-3.0);
        assertThat(decode(CborMap.builder().put("Mu", 2).build()).mu()).isEqualTo(2.0);
        // half 0.5, single 0.25 and double 0.2 in hand-written CBOR
        byte[] b = HexFormat.of().parseHex("a3624d75f93800674c616d62646150fa3e800000674c616d6264614cfb3fc999999999999a");
        DocumentBody d = DocumentBody.decode(b);
        assertThat(d.mu()).isEqualTo(0.5);
        assertThat(d.lambdaP()).isEqualTo(0.25);
        assertThat(d.lambdaL()).isEqualTo(0.2);
    }

    @Test
    void wrongTypesAreMalformed() {
        assertThatThrownBy(() -> decode(CborMap.builder().put("Epoch", "seven").build()))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.kind()).isEqualTo(PkiException.Kind.MALFORMED));
        assertThatThrownBy(() -> decode(CborMap.builder().put("Epoch", -1).build()))
                .isInstanceOf(PkiException.class);
        assertThatThrownBy(() -> decode(CborMap.builder().put("SharedRandomCommit",
                CborMap.builder().put(new CborValue.Bytes(new byte[31]), CborValue.of(new byte[1])).build()).build()))
                .isInstanceOf(PkiException.class);
    }

    @Test
    void descriptorsAlsoDecodeFromAPlainMap() throws Exception {
        MixDescriptor m = MixDescriptor.builder().name("n").epoch(3).identityKey(new byte[32]).build();
        DocumentBody d = decode(CborMap.builder().put("GatewayNodes", new CborValue.Array(java.util.List.of(m.toCbor()))).build());
        assertThat(d.gatewayNodes().get(0)).isEqualTo(m);
        // and re-encode as the byte-string form the reference writes
        assertThat(DocumentBody.decode(d.encodeCanonical()).gatewayNodes().get(0).encoded()).isEqualTo(m.encode());
    }

    @Test
    void nilAndEmptyStayApart() throws Exception {
        DocumentBody nil = decode(CborMap.builder().put("PriorSharedRandom", CborValue.nul()).build());
        DocumentBody empty = decode(CborMap.builder().put("PriorSharedRandom", new CborValue.Array(java.util.List.of())).build());
        assertThat(nil.priorSharedRandom()).isNull();
        assertThat(empty.priorSharedRandom()).isEmpty();
        assertThat(nil.encodeCanonical()).isNotEqualTo(empty.encodeCanonical());
    }
}
