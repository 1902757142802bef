package org.katzen4j.interop.testnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture's file readers, on files shaped like genconfig's and the script's (no Go needed). */
class TestnetFilesTest {

  private static String peer(String id, int port, int keyChars) {
    String body = "A".repeat(keyChars);
    return "  [[VotingAuthority.Peers]]\n"
        + "    Identifier = \"" + id + "\"\n"
        + "    IdentityPublicKey = \"-----BEGIN ED25519 PUBLIC KEY-----\\n" + id
        + "key=\\n-----END ED25519 PUBLIC KEY-----\\n\"\n"
        + "    PKISignatureScheme = \"Ed25519\"\n"
        + "    LinkPublicKey = \"-----BEGIN XWING PUBLIC KEY-----\\n" + body
        + "\\n-----END XWING PUBLIC KEY-----\\n\"\n"
        + "    WireKEMScheme = \"xwing\"\n"
        + "    Addresses = [\"tcp://127.0.0.1:" + port + "\"]\n\n";
  }

  @Test
  void readsEveryVotingAuthorityWithUnescapedPems(@TempDir Path dir) throws IOException {
    // real X-Wing public keys are 1216 bytes, ~1700 base64 characters: long enough to have
    // overflowed the stack of a backtracking regex
    String toml = "ListenNetwork = \"tcp\"\nListenAddress = \"localhost:32000\"\n\n"
        + "[VotingAuthority]\n\n" + peer("auth1", 30001, 20_000) + peer("auth2", 30002, 1700)
        + "[SphinxGeometry]\n  PacketLength = 3082\n";
    Path f = dir.resolve("client.toml");
    Files.writeString(f, toml);

    var auths = ClientTomlAuthorities.read(f);

    assertThat(auths).extracting(DirectoryAuthority::identifier).containsExactly("auth1", "auth2");
    assertThat(auths.get(0).identityPublicKeyPem())
        .isEqualTo("-----BEGIN ED25519 PUBLIC KEY-----\nauth1key=\n-----END ED25519 PUBLIC KEY-----\n");
    String link = auths.get(0).linkPublicKeyPem();
    assertThat(link.length()).isEqualTo("-----BEGIN XWING PUBLIC KEY-----\n".length() + 20_000
        + "\n-----END XWING PUBLIC KEY-----\n".length());
    assertThat(link.startsWith("-----BEGIN XWING PUBLIC KEY-----\nAAAA")).isTrue();
    assertThat(auths.get(1).addresses()).containsExactly("tcp://127.0.0.1:30002");
  }

  @Test
  void rejectsAConfigWithoutAuthoritiesOrWithAnIncompletePeer(@TempDir Path dir) throws IOException {
    Path none = dir.resolve("none.toml");
    Files.writeString(none, "ListenNetwork = \"tcp\"\n");
    assertThatThrownBy(() -> ClientTomlAuthorities.read(none)).isInstanceOf(IOException.class)
        .hasMessageContaining("no [[VotingAuthority.Peers]]");

    Path partial = dir.resolve("partial.toml");
    Files.writeString(partial, "[VotingAuthority]\n  [[VotingAuthority.Peers]]\n    Identifier = \"auth1\"\n");
    assertThatThrownBy(() -> ClientTomlAuthorities.read(partial)).isInstanceOf(IOException.class)
        .hasMessageContaining("incomplete");
  }

  @Test
  void readsTheSettingsTheScriptRecords() {
    TestnetEnv env = TestnetEnv.parse("PORT=30000\nEPOCH=2m\nTHINCLIENT_ADDRESS=localhost:32000\n"
        + "CLIENT_TOML=/x/net/client2/client.toml\n");
    assertThat(env.get("THINCLIENT_ADDRESS")).isEqualTo("localhost:32000");
    assertThat(env.epochPeriod()).isEqualTo(Duration.ofMinutes(2));
    assertThat(TestnetEnv.parse("EPOCH=90s").epochPeriod()).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> env.get("NOPE")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aDirectoryWithoutLivePidsIsNotARunningNetwork(@TempDir Path dir) throws IOException {
    assertThat(ProcessNetwork.isRunning(dir)).isFalse();
    Files.writeString(dir.resolve("testnet.env"), "PORT=30000\n");
    // a pid that cannot exist (above pid_max) stands for a node that has exited
    Files.writeString(dir.resolve("pids"), "2147483646 gateway1\n");
    assertThat(ProcessNetwork.isRunning(dir)).isFalse();
    Files.writeString(dir.resolve("pids"), ProcessHandle.current().pid() + " gateway1\n");
    assertThat(ProcessNetwork.isRunning(dir)).isTrue();
  }
}
