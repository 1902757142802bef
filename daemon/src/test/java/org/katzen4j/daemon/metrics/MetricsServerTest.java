package org.katzen4j.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class MetricsServerTest {
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> request(MetricsServer s, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + s.addressString() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheRegistryOnGetMetricsOnly() throws Exception {
        AtomicLong n = new AtomicLong(5);
        MetricsRegistry r = new MetricsRegistry().counter("x_total", "X", n::get);
        try (MetricsServer s = MetricsServer.start("127.0.0.1:0", false, r)) {
            assertThat(s.address().getAddress().isLoopbackAddress()).isTrue();
            HttpResponse<String> get = request(s, "GET", "/metrics");
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
            assertThat(get.body()).isEqualTo(r.scrape()).contains("\nx_total 5\n");
            n.addAndGet(2);
            assertThat(request(s, "GET", "/metrics").body()).contains("\nx_total 7\n");
            HttpResponse<String> head = request(s, "HEAD", "/metrics");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(request(s, "GET", "/").statusCode()).isEqualTo(404);
            assertThat(request(s, "GET", "/metrics/x").statusCode()).isEqualTo(404);
            HttpResponse<String> post = request(s, "POST", "/metrics");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        }
    }

    @Test
    void ipv6LoopbackAndLocalhostAreLoopback() throws Exception {
        MetricsRegistry r = new MetricsRegistry();
        try (MetricsServer s = MetricsServer.start("localhost:0", false, r)) {
            assertThat(s.address().getAddress().isLoopbackAddress()).isTrue();
        }
        try (MetricsServer s = MetricsServer.start("[::1]:0", false, r)) {
            assertThat(s.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(s.addressString()).startsWith("[");
        } catch (java.net.SocketException e) {
            // no IPv6 on this host: nothing to check
        }
    }

    @Test
    void nonLoopbackAddressesAreRefusedWithoutTheOverride() throws Exception {
        MetricsRegistry r = new MetricsRegistry();
        for (String a : new String[] {"0.0.0.0:0", "192.0.2.1:9464", "[::]:0"}) {
            assertThatThrownBy(() -> MetricsServer.start(a, false, r)).as(a)
                    .isInstanceOf(MetricsServer.MetricsException.class)
                    .hasMessageContaining("not a loopback address");
        }
        assertThatThrownBy(() -> MetricsServer.start("example.org:80", true, r))
                .isInstanceOf(MetricsServer.MetricsException.class).hasMessageContaining("IP address or localhost");
        // with the explicit override the wildcard address is served (and logged at WARN)
        try (MetricsServer s = MetricsServer.start("0.0.0.0:0", true, r)) {
            assertThat(s.address().getAddress().isAnyLocalAddress()).isTrue();
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + s.address().getPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
        }
    }
}
