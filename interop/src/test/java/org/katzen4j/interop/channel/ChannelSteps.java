package org.katzen4j.interop.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;
import org.katzen4j.thinclient.ThinClientException;
import org.katzen4j.thinclient.protocol.ThinResponse;

/**
 * The guide's sending steps with the Java thin client, tolerant of a packet lost on the network:
 * a send that gets no reply within {@link #ATTEMPT} is sent again with the same bytes (the
 * courier deduplicates by envelope hash, so a re-send never stores a second copy).
 */
final class ChannelSteps {
    static final Duration STEP = Duration.ofSeconds(90);
    static final Duration ATTEMPT = Duration.ofSeconds(30);

    private ChannelSteps() {
    }

    /** One send of a prepared payload; null if no reply came within {@link #ATTEMPT}. */
    static byte[] sendOnce(ThinClient c, int ch, byte[] payload, Destination courier) throws Exception {
        try {
            return c.sendChannelQueryAwaitReply(ch, payload, courier, c.newMessageId(), ATTEMPT);
        } catch (ThinClientException e) {
            if (e.kind() == ThinClientException.Kind.TIMEOUT) {
                System.out.println("a channel query got no reply within " + ATTEMPT + "; sending it again");
                return null;
            }
            throw e;
        }
    }

    /** Sends a prepared write until the courier answered twice (ACK for the first copy, then the replicas' reply). */
    static void sendWrite(ThinClient c, int ch, byte[] payload, Destination courier) throws Exception {
        int answers = 0;
        for (int i = 0; i < 8 && answers < 2; i++) {
            byte[] r = sendOnce(c, ch, payload, courier);
            if (r != null) {
                assertThat(r).as("a write is answered with an empty payload").isEmpty();
                answers++;
            }
        }
        assertThat(answers).as("courier answers to a write").isEqualTo(2);
    }

    static void sendWrite(ThinClient c, int ch, ThinResponse.WriteChannelReply w, Destination courier)
            throws Exception {
        sendWrite(c, ch, w.sendMessagePayload().toByteArray(), courier);
    }

    /** Sends a prepared read until a non-empty payload arrives (the first copy is always ACKed); "" if none. */
    static String sendRead(ThinClient c, int ch, byte[] payload, Destination courier) throws Exception {
        for (int i = 0; i < 12; i++) {
            byte[] got = sendOnce(c, ch, payload, courier);
            if (got != null && got.length > 0) {
                return new String(got, StandardCharsets.UTF_8);
            }
            Thread.sleep(1000);
        }
        return "";
    }

    /**
     * Sends a prepared read {@code answers} times (answers, not attempts: lost packets are re-sent)
     * and returns everything that came back concatenated; empty means the box held nothing.
     */
    static byte[] readNothing(ThinClient c, int ch, byte[] payload, Destination courier, int answers)
            throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        int got = 0;
        for (int i = 0; i < answers + 4 && got < answers; i++) {
            byte[] r = sendOnce(c, ch, payload, courier);
            if (r != null) {
                all.writeBytes(r);
                got++;
            }
        }
        assertThat(got).as("courier answers to a read of an empty box").isEqualTo(answers);
        return all.toByteArray();
    }
}
