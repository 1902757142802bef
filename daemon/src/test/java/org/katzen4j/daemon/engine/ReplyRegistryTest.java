package org.katzen4j.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.sphinx.SurbId;
import org.katzen4j.sphinx.SurbKeys;
import org.katzen4j.thinclient.protocol.MessageId;

class ReplyRegistryTest {
    final ManualScheduler clock = new ManualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    final ReplyRegistry reg = new ReplyRegistry(clock);
    final SecureRandom rng = new SecureRandom();

    SurbKeys keys() throws Exception {
        byte[] b = new byte[SurbKeys.ENTRY_LENGTH * 4];
        rng.nextBytes(b);
        return SurbKeys.fromBytes(b);
    }

    @Test
    void expiredEntriesAreRemovedAndWiped() throws Exception {
        SurbId id = SurbId.random(rng);
        SurbKeys k = keys();
        reg.put(id, new ReplyRegistry.LoopDecoy(k), Optional.of(Duration.ofSeconds(5)));
        clock.advance(Duration.ofSeconds(4));
        assertThat(reg.size()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(reg.take(id)).isEmpty();
        assertThat(k.toBytes()).containsOnly(0);
    }

    @Test
    void takeRemovesOnceAndAnExpiryForAReplacedEntryDoesNotTouchTheNewOne() throws Exception {
        SurbId id = SurbId.random(rng);
        AppId a = AppId.random(rng);
        reg.put(id, new ReplyRegistry.LegacyReply(a, MessageId.random(rng), null, keys()),
                Optional.of(Duration.ofSeconds(1)));
        ReplyRegistry.Entry second = new ReplyRegistry.ArqReply(a, MessageId.random(rng), keys());
        reg.put(id, second, Optional.empty());
        clock.advance(Duration.ofSeconds(2));
        assertThat(reg.take(id)).containsSame(second);
        assertThat(reg.take(id)).isEmpty();
    }

    @Test
    void removeAppDropsOnlyThatAppsEntries() throws Exception {
        AppId a = AppId.random(rng);
        AppId b = AppId.random(rng);
        reg.put(SurbId.random(rng), new ReplyRegistry.LegacyReply(a, MessageId.random(rng), null, keys()), Optional.empty());
        reg.put(SurbId.random(rng), new ReplyRegistry.ArqReply(a, MessageId.random(rng), keys()), Optional.empty());
        reg.put(SurbId.random(rng), new ReplyRegistry.ArqReply(b, MessageId.random(rng), keys()), Optional.empty());
        reg.put(SurbId.random(rng), new ReplyRegistry.LoopDecoy(keys()), Optional.empty());
        assertThat(reg.removeApp(a)).isEqualTo(2);
        assertThat(reg.size()).isEqualTo(2);
    }
}
