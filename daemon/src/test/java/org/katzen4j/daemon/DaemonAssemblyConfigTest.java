package org.katzen4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.katzen4j.config.ClientConfig;
import org.katzen4j.config.LoadOptions;

/**
 * The assembled daemon takes its listener limits and metrics setting from client.toml: with
 * {@code [Listener] MaxApps = 1} a second app is refused, and the metrics endpoint (enabled in the
 * file, any free loopback port) shows it. No gateway answers here, so the daemon is also seen
 * waiting: not connected, no PKI epoch.
 */
class DaemonAssemblyConfigTest {

    static ClientConfig config(String extra) throws Exception {
        String base;
        try (InputStream in = DaemonAssemblyConfigTest.class.getResourceAsStream("/client-local-3hop.toml")) {
            base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // gateways and authorities on a port nothing listens on
        base = base.replaceAll("tcp://127\\.0\\.0\\.1:3000\\d", "tcp://127.0.0.1:1");
        return ClientConfig.parse(base + "\n" + extra, "client.toml", LoadOptions.STRICT);
    }

    static String scrape(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void listenerLimitsAndMetricsComeFromTheConfigurationFile() throws Exception {
        ClientConfig cfg = config("""
                [Listener]
                  MaxApps = 1
                  MaxFrameSize = 65536
                  MaxChannelsPerApp = 7
                [Metrics]
                  Enable = true
                  Address = "127.0.0.1:0"
                """);
        try (DaemonAssembly d = DaemonAssembly.start(cfg, DaemonAssembly.Options.defaults()
                .withListen("tcp", "127.0.0.1:0"))) {
            assertThat(d.listenerConfig().maxApps()).isEqualTo(1);
            assertThat(d.listenerConfig().maxFrameSize()).isEqualTo(65536);
            assertThat(d.listenerConfig().maxChannelsPerApp()).isEqualTo(7);
            assertThat(d.listenerConfig().maxPendingPerApp()).isEqualTo(64);
            String url = "http://" + d.metricsServer().orElseThrow().addressString() + "/metrics";
            InetSocketAddress at = (InetSocketAddress) d.listener().localAddress();
            try (Socket first = new Socket(at.getAddress(), at.getPort());
                    Socket second = new Socket(at.getAddress(), at.getPort())) {
                second.setSoTimeout(5000);
                assertThat(second.getInputStream().read()).as("the second app is closed at once").isEqualTo(-1);
                first.setSoTimeout(300);
                boolean open;
                try {
                    open = first.getInputStream().read() != -1;
                } catch (SocketTimeoutException e) {
                    open = true; // no PKI document yet: the listener holds the first app's initial frames
                }
                assertThat(open).isTrue();
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                String m = scrape(url);
                while (!m.contains("\nkatzen4j_refused_connections_total 1\n") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    m = scrape(url);
                }
                assertThat(m).contains("\nkatzen4j_connected_apps 1\n")
                        .contains("\nkatzen4j_refused_connections_total 1\n")
                        .contains("\nkatzen4j_gateway_connected 0\n").contains("\nkatzen4j_pki_epoch 0\n");
            }
        }
    }

    @Test
    void withoutTheSectionsMetricsAreOffAndTheDefaultsApply() throws Exception {
        try (DaemonAssembly d = DaemonAssembly.start(config(""), DaemonAssembly.Options.defaults()
                .withListen("tcp", "127.0.0.1:0"))) {
            assertThat(d.metricsServer()).isEmpty();
            assertThat(d.listenerConfig().maxApps()).isEqualTo(64);
            assertThat(d.listenerConfig().maxChannelsPerApp()).isEqualTo(1024);
            assertThat(d.metrics().scrape()).contains("katzen4j_packets_sent_total 0");
        }
    }
}
