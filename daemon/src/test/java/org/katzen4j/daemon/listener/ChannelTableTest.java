package org.katzen4j.daemon.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class ChannelTableTest {
    final SecureRandom rng = new SecureRandom();

    @Test
    void oneAppCannotHoldMoreThanItsLimitAndOthersAreUnaffected() {
        ChannelTable<String> t = new ChannelTable<>(rng, false, 3);
        AppId a = AppId.random(rng);
        AppId b = AppId.random(rng);
        int first = t.allocate(a, "a1").orElseThrow();
        t.allocate(a, "a2").orElseThrow();
        t.allocate(a, "a3").orElseThrow();
        assertThat(t.allocate(a, "a4")).isEmpty();
        assertThat(t.count(a)).isEqualTo(3);
        assertThat(t.allocate(b, "b1")).isPresent();
        // closing one frees one slot; another app's close of a's channel (allowed without ownership) frees a's slot
        assertThat(t.close(a, first)).isTrue();
        int again = t.allocate(a, "a4").orElseThrow();
        assertThat(t.allocate(a, "a5")).isEmpty();
        assertThat(t.close(b, again)).isTrue();
        assertThat(t.count(a)).isEqualTo(2);
        assertThat(t.allocate(a, "a5")).isPresent();
        // the app leaving frees everything it held
        assertThat(t.removeAll(a)).isEqualTo(3);
        assertThat(t.count(a)).isZero();
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.allocate(a, "a6")).isPresent();
    }

    @Test
    void defaultLimitAndValidation() {
        assertThat(new ChannelTable<String>(rng, false).maxPerApp()).isEqualTo(ChannelTable.DEFAULT_MAX_PER_APP)
                .isEqualTo(ListenerConfig.DEFAULT_MAX_CHANNELS_PER_APP);
        assertThatThrownBy(() -> new ChannelTable<String>(rng, false, 0)).isInstanceOf(IllegalArgumentException.class);
        ChannelTable<String> t = new ChannelTable<>(rng, false);
        AppId a = AppId.random(rng);
        for (int i = 0; i < ChannelTable.DEFAULT_MAX_PER_APP; i++) {
            assertThat(t.allocate(a, "x")).isPresent();
        }
        assertThat(t.allocate(a, "x")).isEmpty();
    }

    @Test
    void theLimitCanBeSetFromTheConfigurationAndAtLimitSaysWhy() {
        ChannelTable<String> t = new ChannelTable<>(rng, false);
        t.setMaxPerApp(2);
        AppId a = AppId.random(rng);
        assertThat(t.allocate(a, "1")).isPresent();
        assertThat(t.atLimit(a)).isFalse();
        int second = t.allocate(a, "2").orElseThrow();
        assertThat(t.atLimit(a)).isTrue();
        assertThat(t.allocate(a, "3")).isEmpty();
        t.close(a, second);
        assertThat(t.atLimit(a)).isFalse();
        assertThatThrownBy(() -> t.setMaxPerApp(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
