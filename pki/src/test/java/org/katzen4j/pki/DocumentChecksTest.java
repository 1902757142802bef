package org.katzen4j.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.katzen4j.codec.cbor.CborValue;

class DocumentChecksTest {

    @Test
    void oracleAndTestnetDocumentsAreWellFormed() throws Exception {
        for (String name : List.of("consensus", "small", "with-shared-random")) {
            assertThat(DocumentChecks.problems(DocumentVectorTest.verified(DocumentVectorTest.doc(name)).body()))
                    .as(name).isEmpty();
        }
        assertThat(DocumentChecks.problems(TestnetConsensusTest.verified().body())).isEmpty();
    }

    @Test
    void brokenRulesAreNamed() throws Exception {
        DocumentBody good = DocumentVectorTest.verified(DocumentVectorTest.doc("small")).body();
        MixDescriptor mix = good.topology().get(0).get(0);
        MixDescriptor noFlag = MixDescriptor.builder().name("gw-without-flag").epoch(mix.epoch())
                .identityKey(new byte[32]).linkKey(mix.linkKey()).mixKeys(Map.of(good.epoch(), new byte[32], good.epoch() + 5, new byte[32]))
                .addresses(Map.of("onion", List.of("onion://abc:1"), "x", List.of("gopher://h:1")))
                .kaetzchen(Map.of("echo", Map.of("endpoint", CborValue.of("+echo"))))
                .build();
        DocumentBody bad = new DocumentBody(good.epoch(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                List.of(List.of(mix, mix), List.of()), List.of(noFlag), null, null, null, null, null, null, null, "v1", "");
        List<String> p = DocumentChecks.problems(bad);
        assertThat(p).anyMatch(s -> s.contains("document version"))
                .anyMatch(s -> s.contains("GenesisEpoch"))
                .anyMatch(s -> s.contains("layer 1 is empty"))
                .anyMatch(s -> s.contains("listed more than once"))
                .anyMatch(s -> s.contains("without IsGatewayNode"))
                .anyMatch(s -> s.contains("outside [epoch, epoch+3)"))
                .anyMatch(s -> s.contains("onion address on a non-gateway"))
                .anyMatch(s -> s.contains("unsupported address scheme"))
                .anyMatch(s -> s.contains("Kaetzchen on a node that is not a service node"))
                .anyMatch(s -> s.contains("no service nodes"));
    }
}
