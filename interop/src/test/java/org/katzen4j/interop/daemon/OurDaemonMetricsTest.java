package org.katzen4j.interop.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.katzen4j.config.ClientConfig;
import org.katzen4j.config.LoadOptions;
import org.katzen4j.daemon.DaemonAssembly;
import org.katzen4j.interop.testnet.ReferenceNetwork;
import org.katzen4j.interop.testnet.ReferenceTestnet;
import org.katzen4j.pki.EpochTime;
import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;

/**
 * Our daemon on the reference testnet with the metrics endpoint switched on from client.toml
 * ({@code [Metrics] Enable = true}, loopback, any free port) and decoy traffic on; the Java thin
 * client runs an echo series through it while the endpoint is scraped before, during and after:
 * real packets sent and received, replies delivered and loop decoys move, connected apps and the
 * PKI epoch are right, and nothing but fixed labels appears.
 */
@Tag("interop")
@ReferenceTestnet
class OurDaemonMetricsTest {
    static final int PINGS = 5;
    static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");

    final HttpClient http = HttpClient.newHttpClient();

    Map<String, Long> scrape(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        Map<String, Long> m = new LinkedHashMap<>();
        Matcher x = SAMPLE.matcher(r.body());
        while (x.find()) {
            String labels = x.group(2) == null ? "" : x.group(2);
            assertThat(labels).as("only fixed labels").isIn("", "{kind=\"loop\"}");
            m.put(x.group(1) + labels, Long.parseLong(x.group(3)));
        }
        assertThat(m).as(r.body()).containsKeys("katzen4j_packets_sent_total", "katzen4j_packets_received_total",
                "katzen4j_decoy_packets_sent_total{kind=\"loop\"}", "katzen4j_arq_retransmissions_total",
                "katzen4j_arq_give_ups_total", "katzen4j_connected_apps", "katzen4j_pki_epoch",
                "katzen4j_gateway_connected", "katzen4j_pending_requests");
        return m;
    }

    static long delta(Map<String, Long> a, Map<String, Long> b, String k) {
        return b.get(k) - a.get(k);
    }

    @Test
    void aScrapeDuringAnEchoSeriesShowsTheCountersMoving(ReferenceNetwork net) throws Exception {
        String toml = Files.readString(net.clientToml(), StandardCharsets.UTF_8)
                .replaceFirst("(?m)^(\\s*DisableDecoyTraffic\\s*=\\s*)true", "$1false")
                + "\n[Metrics]\n  Enable = true\n  Address = \"127.0.0.1:0\"\n";
        ClientConfig cfg = ClientConfig.parse(toml, net.clientToml().toString(), LoadOptions.STRICT);
        assertThat(cfg.debug().disableDecoyTraffic()).isFalse();
        try (DaemonAssembly d = DaemonAssembly.start(cfg, DaemonAssembly.Options.defaults()
                .withListen("tcp", "127.0.0.1:0").withEpochTime(new EpochTime(net.epochPeriod())))) {
            String url = "http://" + d.metricsServer().orElseThrow().addressString() + "/metrics";
            assertThat(d.metricsServer().get().address().getAddress().isLoopbackAddress()).isTrue();
            Map<String, Long> start = scrape(url);
            assertThat(start.get("katzen4j_connected_apps")).isZero();

            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (!(d.connected() && d.document().isPresent() && d.sendScheduler().running())
                    && System.nanoTime() < deadline) {
                Thread.sleep(300);
            }
            assertThat(d.connected()).as("our daemon connected").isTrue();
            Map<String, Long> before = scrape(url);
            assertThat(before.get("katzen4j_gateway_connected")).isEqualTo(1);

            String thin = Files.readString(net.thinClientToml(), StandardCharsets.UTF_8)
                    .replaceFirst("(?m)^(\\s*Address\\s*=\\s*).*$", "$1\"" + d.listener().addressString() + "\"");
            var thinToml = Files.createTempFile("k4j-metrics-thin", ".toml");
            Files.writeString(thinToml, thin);
            int ok = 0;
            Map<String, Long> during;
            long epoch;
            try (ThinClient c = ThinClient.dial(thinToml)) {
                epoch = c.pkiDocument().orElseThrow().epoch();
                during = scrape(url);
                assertThat(during.get("katzen4j_connected_apps")).isEqualTo(1);
                assertThat(during.get("katzen4j_pki_epoch")).as("the epoch of the document the app has")
                        .isBetween(epoch, epoch + 1);
                Destination echo = c.getService(ThinClient.ECHO);
                for (int i = 0; i < PINGS; i++) {
                    String msg = "metrics ping " + i;
                    try {
                        byte[] reply = c.blockingSendMessage(msg.getBytes(StandardCharsets.UTF_8), echo,
                                Duration.ofSeconds(60));
                        if (new String(reply, 0, msg.length(), StandardCharsets.UTF_8).equals(msg)) {
                            ok++;
                        }
                    } catch (Exception e) {
                        System.out.println("ping " + i + ": " + e);
                    }
                    if (i == PINGS / 2) {
                        during = scrape(url);
                        assertThat(during.get("katzen4j_connected_apps")).isEqualTo(1);
                    }
                }
            } finally {
                Files.deleteIfExists(thinToml);
            }
            Thread.sleep(3000); // the listener notices the app has gone; late decoy replies
            Map<String, Long> after = scrape(url);
            System.out.println("metrics: " + ok + "/" + PINGS + " echoes; before " + before + "\nduring " + during
                    + "\nafter " + after);

            assertThat(ok).as("echo replies").isGreaterThanOrEqualTo(PINGS - 1);
            assertThat(delta(before, during, "katzen4j_packets_sent_total")).as("during: real packets sent").isPositive();
            assertThat(delta(before, after, "katzen4j_packets_sent_total")).isGreaterThanOrEqualTo(ok);
            assertThat(delta(before, after, "katzen4j_replies_delivered_total")).isGreaterThanOrEqualTo(ok);
            assertThat(delta(before, after, "katzen4j_packets_received_total")).isGreaterThanOrEqualTo(ok);
            assertThat(delta(before, after, "katzen4j_send_requests_total")).isEqualTo(PINGS);
            assertThat(delta(start, after, "katzen4j_decoy_packets_sent_total{kind=\"loop\"}")).as("loop decoys")
                    .isPositive();
            assertThat(after.get("katzen4j_connected_apps")).isZero();
            assertThat(after.get("katzen4j_pki_epoch")).isGreaterThanOrEqualTo(epoch);
            assertThat(after.get("katzen4j_arq_give_ups_total")).isZero();
            assertThat(after.get("katzen4j_pending_requests")).isZero();
        }
    }
}
