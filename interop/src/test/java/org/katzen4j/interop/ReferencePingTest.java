package org.katzen4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.katzen4j.interop.testnet.DirectoryAuthority;
import org.katzen4j.interop.testnet.ReferenceNetwork;
import org.katzen4j.interop.testnet.ReferenceNetwork.CommandResult;
import org.katzen4j.interop.testnet.ReferenceTestnet;

/**
 * The reference network end to end with reference tools only (gateway, three mix layers, echo
 * service, courier, replicas, kpclientd, ping). Our Java daemon will replace kpclientd in later
 * tests; this one proves the fixture those tests stand on.
 */
@ReferenceTestnet
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferencePingTest {

  @Test
  @Order(1)
  void fixtureHandsOutTheGeneratedConfigsAndAuthorityKeys(ReferenceNetwork net) throws Exception {
    assertThat(net.clientToml()).isRegularFile();
    assertThat(net.thinClientToml()).isRegularFile();
    String thin = Files.readString(net.thinClientToml());
    assertThat(thin).contains("Address = \"" + net.thinClientAddress() + "\"");
    assertThat(Files.readString(net.clientToml()))
        .contains("ListenAddress = \"" + net.thinClientAddress() + "\"");
    assertThat(net.epochPeriod()).isEqualTo(Duration.ofMinutes(2));

    assertThat(net.directoryAuthorities()).extracting(DirectoryAuthority::identifier)
        .containsExactly("auth1", "auth2", "auth3");
    for (DirectoryAuthority a : net.directoryAuthorities()) {
      assertThat(a.identityPublicKeyPem()).startsWith("-----BEGIN ED25519 PUBLIC KEY-----\n")
          .endsWith("-----END ED25519 PUBLIC KEY-----\n");
      assertThat(a.linkPublicKeyPem()).startsWith("-----BEGIN XWING PUBLIC KEY-----\n");
      assertThat(a.addresses()).singleElement().asString().startsWith("tcp://127.0.0.1:");
    }
  }

  @Test
  @Order(2)
  void consensusListsEveryNode(ReferenceNetwork net) throws Exception {
    String doc = net.consensusSummary();
    assertThat(doc)
        .contains("\"gateways\":[\"gateway1\"]")
        .contains("\"mixes\":[[\"mix1\"],[\"mix2\"],[\"mix3\"]]")
        // the consensus lists replicas in no fixed order
        .containsPattern("\"replicas\":\\[[^]]*\"replica1\"")
        .containsPattern("\"replicas\":\\[[^]]*\"replica2\"")
        .containsPattern("\"name\":\"servicenode1\",\"services\":\\[[^]]*\"courier\"")
        .containsPattern("\"name\":\"servicenode1\",\"services\":\\[[^]]*\"echo\"");
  }

  @Test
  @Order(3)
  void referencePingThroughReferenceKpclientdComesBack(ReferenceNetwork net) throws Exception {
    CommandResult ping = net.referencePing(3);
    assertThat(ping.output()).contains("Success rate is 100 percent (3/3)");
    assertThat(ping.exitCode()).as(ping.output()).isZero();
  }

  @Test
  @Order(4)
  void gatewayKilledAndRestartedServesPingsAgain(ReferenceNetwork net) throws Exception {
    // killing the gateway of a network someone else started would break their session
    assumeTrue(net.startedByThisRun() || Boolean.getBoolean("katzen4j.testnet.faults"),
        "the network was started outside this test run: fault injection needs -Dkatzen4j.testnet.faults=true");
    CommandResult restart = net.restart("gateway1", true);
    assertThat(restart.exitCode()).as(restart.output()).isZero();
    CommandResult wait = net.awaitConsensus(Duration.ofMinutes(6));
    assertThat(wait.exitCode()).as(wait.output()).isZero();
    CommandResult ping = net.referencePing(2);
    assertThat(ping.output()).contains("Success rate is 100 percent (2/2)");
  }
}
