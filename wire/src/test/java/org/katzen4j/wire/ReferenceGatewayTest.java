package org.katzen4j.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.katzen4j.codec.cbor.CborMap;
import org.katzen4j.codec.cbor.CborReader;
import org.katzen4j.codec.cbor.CborValue;
import org.katzen4j.crypto.KeyHash;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.crypto.SignaturePublicKey;
import org.katzen4j.wire.commands.CommandCodec;
import org.katzen4j.wire.commands.CommandGeometry;
import org.katzen4j.wire.noise.NoiseKem;
import org.katzen4j.testsupport.GoOracle;

/**
 * End to end against the running reference testnet ({@code interop/testnet up}): dial the pinned
 * gateway from the generated client.toml, complete the PQ handshake with the real Go gateway, fetch
 * the current epoch's consensus over the wire and check it is a certificate signed by the
 * configured directory authorities. Skipped when no testnet is running.
 */
@Tag("interop")
class ReferenceGatewayTest {
    static final long EPOCH_ORIGIN = 1496275200L;
    static final Pattern KV = Pattern.compile("^\\s*(\\w+)\\s*=\\s*(\"((?:[^\"\\\\]++|\\\\.)*+)\"|\\[[^\\]]*\\]|[0-9]+)\\s*$",
            Pattern.MULTILINE);

    @Test
    void fetchesTheCurrentConsensusFromTheReferenceGateway() throws Exception {
        Path root = GoOracle.repoRoot().resolve("interop/.testnet");
        Path env = Path.of(System.getenv().getOrDefault("TESTNET_DIR", root.toString())).resolve("testnet.env");
        assumeTrue(Files.isRegularFile(env), "no reference testnet running (" + env + " missing)");
        Map<String, String> settings = new HashMap<>();
        for (String line : Files.readAllLines(env)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                settings.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        String toml = Files.readString(Path.of(settings.get("CLIENT_TOML")), StandardCharsets.UTF_8);
        Map<String, String> gw = table(toml, "[[PinnedGateways.Gateways]]");
        Map<String, String> geo = table(toml, "[SphinxGeometry]");
        CommandGeometry g = new CommandGeometry(Integer.parseInt(geo.get("PacketLength")),
                Integer.parseInt(geo.get("UserForwardPayloadLength")), Integer.parseInt(geo.get("ForwardPayloadLength")),
                Integer.parseInt(geo.get("PayloadTagLength")), Integer.parseInt(geo.get("SURBLength")),
                Integer.parseInt(geo.get("SphinxPlaintextHeaderLength")));
        byte[] link = Schemes.kem(gw.get("WireKEMScheme")).publicKeyFromPem(gw.get("LinkKey")).encoded();
        byte[] identity = Schemes.signature(gw.get("PKISignatureScheme")).publicKeyFromPem(gw.get("IdentityKey")).encoded();
        List<String> addresses = new ArrayList<>();
        Matcher q = Pattern.compile("\"([^\"]+)\"").matcher(gw.get("Addresses"));
        while (q.find()) {
            addresses.add(q.group(1));
        }

        SecureRandom random = new SecureRandom();
        WireSession.Config cfg = WireSession.Config.defaults(NoiseKem.of(Schemes.XWING, random), CommandCodec.padded(g));
        GatewayConnector.Connection conn = new GatewayConnector(Schemes.XWING, cfg, random)
                .connect(new GatewayConnector.Gateway(gw.get("Name"), identity, link, addresses));
        System.out.println("connected to " + gw.get("Name") + " at " + conn.address() + ", clock skew "
                + conn.session().clockSkewSeconds() + " s, queue " + new String(conn.queueId(), StandardCharsets.US_ASCII));
        java.util.concurrent.atomic.AtomicInteger empties = new java.util.concurrent.atomic.AtomicInteger();
        try (GatewayClient client = new GatewayClient(conn.session(), new GatewayClient.Listener() {
            @Override
            public void onQueueEmpty() {
                empties.incrementAndGet();
            }
        }, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(60)).start()) {
            long period = parseDuration(settings.getOrDefault("EPOCH", "2m"));
            long epoch = (Instant.now().getEpochSecond() - EPOCH_ORIGIN) / period;
            ConsensusReply reply = client.fetchConsensus(epoch);
            if (reply.status() != ConsensusReply.Status.FOUND) {
                // right at an epoch boundary the gateway may not have it yet; the previous one must exist
                reply = client.fetchConsensus(epoch - 1);
                epoch--;
            }
            assertThat(reply.status()).as("consensus for epoch " + epoch).isEqualTo(ConsensusReply.Status.FOUND);
            assertThat(client.isOpen()).isTrue();
            byte[] cert = reply.certificate();
            System.out.println("epoch " + epoch + ": consensus certificate of " + cert.length + " bytes");

            // a cert.Certificate signed by the authorities in client.toml (threshold: more than half)
            CborMap m = CborReader.decode(cert).asMap("certificate");
            String keyType = ((CborValue.Text) m.require("KeyType")).value();
            byte[] certified = ((CborValue.Bytes) m.require("Certified")).value();
            long version = ((CborValue.UInt) m.require("Version")).bits();
            long expiration = ((CborValue.UInt) m.require("Expiration")).bits();
            assertThat(version).isZero();
            assertThat(expiration).isGreaterThan(epoch);
            ByteArrayOutputStream msg = new ByteArrayOutputStream();
            for (int i = 0; i < 4; i++) {
                msg.write((int) (version >>> (8 * i)));
            }
            for (int i = 0; i < 8; i++) {
                msg.write((int) (expiration >>> (8 * i)));
            }
            msg.writeBytes(keyType.getBytes(StandardCharsets.UTF_8));
            msg.writeBytes(certified);
            CborMap sigs = m.require("Signatures").asMap("Signatures");
            int valid = 0;
            int authorities = 0;
            for (Map<String, String> peer : tables(toml, "[[VotingAuthority.Peers]]")) {
                authorities++;
                SignaturePublicKey pk = Schemes.signature(keyType).publicKeyFromPem(peer.get("IdentityPublicKey"));
                CborValue s = sigs.get(new CborValue.Bytes(KeyHash.of(pk.encoded())));
                if (s != null) {
                    byte[] payload = ((CborValue.Bytes) s.asMap("Signature").require("Payload")).value();
                    if (pk.scheme().verify(pk, msg.toByteArray(), payload)) {
                        valid++;
                    }
                }
            }
            System.out.println(valid + " of " + authorities + " authority signatures verify");
            assertThat(valid).isGreaterThan(authorities / 2);
            CborMap doc = CborReader.decode(certified).asMap("document");
            assertThat(((CborValue.UInt) doc.require("Epoch")).bits()).isEqualTo(epoch);

            // the gateway answers our padded RetrieveMessage polls (an empty queue: a fresh queue ID)
            long until = System.nanoTime() + 5_000_000_000L;
            while (empties.get() < 5 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            System.out.println(empties.get() + " MessageEmpty answers to our polls");
            assertThat(empties.get()).isGreaterThanOrEqualTo(5);
            assertThat(client.isOpen()).isTrue();
            assertThat(client.nextSequence()).isZero();
        }
    }

    static long parseDuration(String s) {
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        return switch (s.charAt(s.length() - 1)) {
            case 's' -> n;
            case 'm' -> n * 60;
            case 'h' -> n * 3600;
            default -> throw new IllegalArgumentException(s);
        };
    }

    static Map<String, String> table(String toml, String header) {
        List<Map<String, String>> t = tables(toml, header);
        assertThat(t).as(header).isNotEmpty();
        return t.get(0);
    }

    /** Every table with this header: key = value lines up to the next table header (genconfig's layout). */
    static List<Map<String, String>> tables(String toml, String header) {
        List<Map<String, String>> out = new ArrayList<>();
        int at = toml.indexOf(header);
        while (at >= 0) {
            int start = at + header.length();
            Matcher next = Pattern.compile("^\\s*\\[", Pattern.MULTILINE).matcher(toml);
            int end = next.find(start) ? next.start() : toml.length();
            Map<String, String> kv = new HashMap<>();
            Matcher m = KV.matcher(toml.substring(start, end));
            while (m.find()) {
                String v = m.group(3) != null ? m.group(3).replace("\\n", "\n").replace("\\\"", "\"") : m.group(2);
                kv.put(m.group(1), v);
            }
            out.add(kv);
            at = toml.indexOf(header, end);
        }
        return out;
    }
}
