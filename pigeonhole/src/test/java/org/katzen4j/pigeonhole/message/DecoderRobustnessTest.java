package org.katzen4j.pigeonhole.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.katzen4j.pigeonhole.testing.Vectors.hex;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.katzen4j.codec.DecodeException;
import org.katzen4j.pigeonhole.testing.Vectors;

import tools.jackson.databind.JsonNode;

/**
 * Mutated and random inputs: every decoder either returns a message that re-encodes to a prefix of
 * its input, or throws DecodeException - never another exception.
 */
class DecoderRobustnessTest {
    interface Decoder {
        byte[] decode(byte[] b) throws DecodeException;
    }

    static final List<Decoder> DECODERS = List.of(
            b -> CourierQuery.decode(b).toBytes(),
            b -> CourierQuery.decodePadded(b).toBytes(),
            b -> CourierQueryReply.decode(b).toBytes(),
            b -> CourierQueryReply.decodePadded(b).toBytes(),
            b -> ReplicaInnerMessage.decode(b).toBytes(),
            b -> ReplicaMessageReplyInnerMessage.decode(b).toBytes(),
            b -> Box.decode(b).toBytes(),
            b -> CourierEnvelope.decodeEnvelope(b).encodeEnvelope());

    @Test
    void mutationsNeverEscapeAsUncheckedExceptions() {
        Random r = new Random(77);
        List<byte[]> seeds = new ArrayList<>();
        for (JsonNode m : Vectors.load("messages.json").get("messages")) {
            seeds.add(hex(m.get("encoding")));
        }
        int accepted = 0;
        for (int round = 0; round < 5000; round++) {
            byte[] in;
            if (round % 10 == 0) {
                in = new byte[r.nextInt(300)];
                r.nextBytes(in);
            } else {
                byte[] s = seeds.get(r.nextInt(seeds.size()));
                in = s.clone();
                int flips = 1 + r.nextInt(4);
                for (int f = 0; f < flips && in.length > 0; f++) {
                    in[r.nextInt(in.length)] = (byte) r.nextInt(256);
                }
                if (r.nextBoolean()) {
                    in = java.util.Arrays.copyOf(in, r.nextInt(in.length + 20));
                }
            }
            for (Decoder d : DECODERS) {
                try {
                    byte[] out = d.decode(in);
                    assertThat(out.length).isLessThanOrEqualTo(in.length);
                    assertThat(java.util.Arrays.equals(out, 0, out.length, in, 0, out.length)).isTrue();
                    accepted++;
                } catch (DecodeException expected) {
                    // fine
                }
            }
        }
        assertThat(accepted).isGreaterThan(250);
    }
}
