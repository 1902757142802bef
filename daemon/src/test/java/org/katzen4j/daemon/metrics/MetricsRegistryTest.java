package org.katzen4j.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class MetricsRegistryTest {

    @Test
    void textFormat004WithHelpTypeAndSortedEscapedLabels() {
        AtomicLong sent = new AtomicLong();
        MetricsRegistry r = new MetricsRegistry()
                .counter("k_packets_sent_total", "Packets\\sent\nsecond line", sent::get)
                .gauge("k_connected", "Connected", () -> 1);
        r.add("k_decoys_total", "Decoys", MetricsRegistry.Type.COUNTER, Map.of("kind", "loop"), () -> 3);
        r.add("k_decoys_total", "Decoys", MetricsRegistry.Type.COUNTER, Map.of("kind", "a\"b\\c\nd", "z", "1"), () -> 4);
        sent.set(17);
        assertThat(r.scrape()).isEqualTo("""
                # HELP k_packets_sent_total Packets\\\\sent\\nsecond line
                # TYPE k_packets_sent_total counter
                k_packets_sent_total 17
                # HELP k_connected Connected
                # TYPE k_connected gauge
                k_connected 1
                # HELP k_decoys_total Decoys
                # TYPE k_decoys_total counter
                k_decoys_total{kind="loop"} 3
                k_decoys_total{kind="a\\"b\\\\c\\nd",z="1"} 4
                """);
        sent.incrementAndGet();
        assertThat(r.scrape()).contains("\nk_packets_sent_total 18\n");
    }

    @Test
    void aFailingSourceReadsAsNaNAndTheRestIsStillServed() {
        MetricsRegistry r = new MetricsRegistry().gauge("a", "A", () -> {
            throw new IllegalStateException("x");
        }).gauge("b", "B", () -> 2);
        assertThat(r.scrape()).contains("\na NaN\n").endsWith("\nb 2\n");
    }

    @Test
    void badNamesDuplicatesAndTypeClashesAreRefused() {
        MetricsRegistry r = new MetricsRegistry().counter("ok_total", "x", () -> 0);
        assertThatThrownBy(() -> r.counter("9bad", "x", () -> 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.counter("ok_total", "x", () -> 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.gauge("ok_total", "x", () -> 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.add("l", "x", MetricsRegistry.Type.GAUGE, Map.of("__x", "1"), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(r.names()).containsExactly("ok_total");
    }
}
