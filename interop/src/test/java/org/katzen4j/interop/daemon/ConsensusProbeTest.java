package org.katzen4j.interop.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.katzen4j.config.ClientConfig;
import org.katzen4j.daemon.ConsensusProbe;
import org.katzen4j.interop.testnet.ReferenceNetwork;
import org.katzen4j.interop.testnet.ReferenceTestnet;
import org.katzen4j.pki.Document;
import org.katzen4j.pki.EpochTime;
import org.katzen4j.pki.MixDescriptor;

/**
 * Java alone against the reference gateway: post-quantum handshake with the gateway's keys from
 * the genconfig client.toml, the current epoch's consensus fetched over the wire, verified against
 * the three directory authorities, and its topology and services as the testnet was built.
 */
@Tag("interop")
@ReferenceTestnet
class ConsensusProbeTest {

    @Test
    void fetchesAndVerifiesTheConsensusAndSeesTheWholeTopology(ReferenceNetwork net) throws Exception {
        ClientConfig cfg = ClientConfig.load(net.clientToml());
        EpochTime epochs = new EpochTime(net.epochPeriod());
        ConsensusProbe.Result r = ConsensusProbe.run(cfg, epochs, Clock.systemUTC(), new SecureRandom());
        Document doc = r.document();
        System.out.println("gateway " + r.gateway() + " at " + r.address() + ", epoch " + r.epoch());
        System.out.println(doc.summary());

        assertThat(r.gateway()).isEqualTo("gateway1");
        assertThat(r.epoch()).isEqualTo(epochs.currentEpoch(Clock.systemUTC()));
        assertThat(doc.signers()).hasSizeGreaterThan(cfg.votingAuthorities().size() / 2);
        assertThat(doc.gateways()).extracting(MixDescriptor::name).containsExactly("gateway1");
        List<List<MixDescriptor>> layers = doc.layers();
        assertThat(layers).isNotEmpty().allSatisfy(l -> assertThat(l).isNotEmpty());
        assertThat(doc.services("echo")).isNotEmpty();
        assertThat(doc.services("courier")).isNotEmpty();
        assertThat(doc.storageReplicas()).hasSize(2);
    }
}
