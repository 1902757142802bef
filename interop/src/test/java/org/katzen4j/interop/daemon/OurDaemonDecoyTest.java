package org.katzen4j.interop.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.katzen4j.config.ClientConfig;
import org.katzen4j.daemon.DaemonAssembly;
import org.katzen4j.interop.testnet.ReferenceNetwork;
import org.katzen4j.interop.testnet.ReferenceTestnet;
import org.katzen4j.pki.EpochTime;

/**
 * Loop decoys on the real network: with {@code [Debug] DisableDecoyTraffic = false} and no app
 * connected, our daemon sends loop decoys at about the LambdaP rate (mean gap ≈ 632 ms with the
 * testnet's LambdaP 0.001 / LambdaPMaxDelay 1000 ms) and their SURB replies come back through the
 * gateway (the echo service answered them); with decoys disabled nothing is sent. The gateway's
 * own view is printed: its packet counter ({@code katzenpost_ingress_queue_size_count}, every
 * packet entering its crypto workers, i.e. our decoy and its reply) grows faster with decoys on.
 * Its {@code incoming_requests_total{SendPacket}} counter is not maintained by the v0.0.70 gateway
 * (always 0), and mixes' own decoys pass the gateway too, so the gateway counter is a soft check.
 */
@Tag("interop")
@ReferenceTestnet
class OurDaemonDecoyTest {
    static final Duration WINDOW = Duration.ofSeconds(30);

    static ClientConfig withDecoys(ClientConfig c, boolean on) {
        ClientConfig.Debug d = c.debug();
        return new ClientConfig(c.listenNetwork(), c.listenAddress(), c.pkiSignatureScheme(), c.wireKemScheme(),
                c.sphinxGeometry(), c.pigeonholeGeometry(), c.logging(), c.upstreamProxy(),
                new ClientConfig.Debug(!on, d.sessionDialTimeout(), d.initialMaxPKIRetrievalDelay(), d.pollingInterval(),
                        d.enableTimeSync()),
                c.cachedDocument(), c.pinnedGateways(), c.votingAuthorities(), c.preferedTransports());
    }

    static long sendPackets(String metrics) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metrics))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("(?m)^katzenpost_ingress_queue_size_count (\\S+)$").matcher(r.body());
        assertThat(m.find()).as("gateway metrics list the ingress queue").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    record Measured(long gatewayPackets, long decoysSent, long decoyReplies) {
    }

    Measured measure(ReferenceNetwork net, String metrics, boolean decoys) throws Exception {
        ClientConfig cfg = withDecoys(ClientConfig.load(net.clientToml()), decoys);
        try (DaemonAssembly d = DaemonAssembly.start(cfg, DaemonAssembly.Options.defaults()
                .withListen("tcp", "127.0.0.1:0").withEpochTime(new EpochTime(net.epochPeriod())))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!(d.connected() && d.document().isPresent() && d.sendScheduler().running())
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            long before = sendPackets(metrics);
            long ours = d.sendScheduler().decoysSent();
            Thread.sleep(WINDOW.toMillis());
            long delta = sendPackets(metrics) - before;
            long sent = d.sendScheduler().decoysSent() - ours;
            Thread.sleep(8000); // the last decoys' replies
            System.out.println("decoys " + (decoys ? "on" : "off") + ": gateway counted " + delta
                    + " packets in " + WINDOW.toSeconds() + " s; our daemon sent " + sent + " decoys, "
                    + d.replies().decoyReplies() + " decoy replies came back");
            return new Measured(delta, sent, d.replies().decoyReplies());
        }
    }

    @Test
    void decoysShowUpAtTheGatewayOnlyWhenEnabled(ReferenceNetwork net) throws Exception {
        Path gw = net.clientToml().getParent().getParent().resolve("gateway1/katzenpost.toml");
        assumeTrue(Files.isRegularFile(gw), "gateway1 configuration not found (" + gw + ")");
        Matcher m = Pattern.compile("MetricsAddress\\s*=\\s*\"([^\"]+)\"").matcher(Files.readString(gw));
        assumeTrue(m.find(), "gateway1 has no MetricsAddress");
        String metrics = "http://" + m.group(1) + "/metrics";
        Measured on = measure(net, metrics, true);
        Measured off = measure(net, metrics, false);
        double expected = WINDOW.toMillis() / 632.0;
        assertThat(on.decoysSent()).as("decoys on: about %.0f expected", expected)
                .isBetween((long) (expected * 0.6), (long) (expected * 1.5));
        assertThat(on.decoyReplies()).as("decoy replies back through the gateway")
                .isGreaterThanOrEqualTo(on.decoysSent() * 8 / 10);
        assertThat(off.decoysSent()).isZero();
        assertThat(off.decoyReplies()).isZero();
        System.out.println("gateway packets: " + on.gatewayPackets() + " with decoys, " + off.gatewayPackets()
                + " without (difference " + (on.gatewayPackets() - off.gatewayPackets()) + ", expected about "
                + Math.round(2 * expected) + " from the decoys and their replies)");
    }
}
