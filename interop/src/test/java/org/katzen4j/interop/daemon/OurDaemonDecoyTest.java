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
 * Loop decoys seen from the gateway: with {@code [Debug] DisableDecoyTraffic = false} and no app
 * connected, the gateway's {@code SendPacket} counter (its Prometheus endpoint) grows at about the
 * LambdaP rate (mean gap ≈ 632 ms with the testnet's LambdaP 0.001 / LambdaPMaxDelay 1000 ms);
 * with decoys disabled it stays still. The testnet is shared, so other clients' traffic would
 * show up too; the bounds are loose.
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
        Matcher m = Pattern.compile("(?m)^katzenpost_incoming_requests_total\\{command=\"\\*commands\\.SendPacket\"} (\\S+)$")
                .matcher(r.body());
        assertThat(m.find()).as("gateway metrics list SendPacket").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    long measure(ReferenceNetwork net, String metrics, boolean decoys) throws Exception {
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
            System.out.println("decoys " + (decoys ? "on" : "off") + ": gateway counted " + delta
                    + " SendPacket in " + WINDOW.toSeconds() + " s; our daemon sent " + (d.sendScheduler().decoysSent()
                    - ours) + " decoys, " + d.replies().decoyReplies() + " decoy replies came back");
            return delta;
        }
    }

    @Test
    void decoysShowUpAtTheGatewayOnlyWhenEnabled(ReferenceNetwork net) throws Exception {
        Path gw = net.clientToml().getParent().getParent().resolve("gateway1/katzenpost.toml");
        assumeTrue(Files.isRegularFile(gw), "gateway1 configuration not found (" + gw + ")");
        Matcher m = Pattern.compile("MetricsAddress\\s*=\\s*\"([^\"]+)\"").matcher(Files.readString(gw));
        assumeTrue(m.find(), "gateway1 has no MetricsAddress");
        String metrics = "http://" + m.group(1) + "/metrics";
        long on = measure(net, metrics, true);
        long off = measure(net, metrics, false);
        double expected = WINDOW.toMillis() / 632.0;
        assertThat(on).as("decoys on: about %.0f packets expected", expected).isBetween((long) (expected * 0.6),
                (long) (expected * 1.6) + 10);
        assertThat(off).as("decoys off").isLessThanOrEqualTo(3);
    }
}
