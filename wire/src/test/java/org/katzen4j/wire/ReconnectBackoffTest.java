package org.katzen4j.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    static List<Long> next(ReconnectBackoff b, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(b.nextDelay().toSeconds());
        }
        return out;
    }

    @Test
    void followsTheReferenceSchedule() {
        ReconnectBackoff b = new ReconnectBackoff();
        assertThat(next(b, 11)).containsExactly(0L, 15L, 30L, 45L, 60L, 75L, 90L, 105L, 120L, 120L, 120L);
        b.onCommandReceived();
        assertThat(next(b, 4)).containsExactly(2L, 17L, 32L, 47L);
        assertThat(ReconnectBackoff.MAX).isEqualTo(Duration.ofMinutes(2));
    }
}
