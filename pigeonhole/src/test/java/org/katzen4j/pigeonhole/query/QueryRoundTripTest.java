package org.katzen4j.pigeonhole.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.pigeonhole.bacap.MessageBoxIndex;
import org.katzen4j.pigeonhole.bacap.ReadCap;
import org.katzen4j.pigeonhole.bacap.WriteCap;
import org.katzen4j.pigeonhole.message.CourierEnvelopeReply;
import org.katzen4j.pigeonhole.mkem.X25519Nike;
import org.katzen4j.pigeonhole.testing.Vectors;

/** Write and read boxes through the fake courier and replicas, with the X25519 NIKE for speed. */
class QueryRoundTripTest {
    static final PigeonholeGeometry GEO = PigeonholeGeometry.of(1553, "x25519");

    private static byte[] send(FakeStorage net, PreparedQuery q) throws Exception {
        return net.courier(FakeStorage.padQuery(q.courierQuery(), GEO.courierQueryWriteLength()));
    }

    @Test
    void writeThenReadFromBothReplicas() throws Exception {
        SecureRandom rng = Vectors.detRand("round trip");
        for (int n : new int[] {2, 3, 5}) {
            FakeStorage net = new FakeStorage(X25519Nike.INSTANCE, n, rng);
            QueryPreparer prep = new QueryPreparer(GEO, net.mkem, rng);
            WriteCap wc = WriteCap.generate(rng);
            ReadCap rc = wc.readCap();
            MessageBoxIndex i0 = wc.firstIndex();
            byte[] msg = "hello pigeonhole".getBytes(StandardCharsets.UTF_8);

            try (PreparedQuery w = prep.prepareWrite(wc, i0, msg, net.replicas, 42)) {
                assertThat(w.courierQuery().length).isEqualTo(GEO.courierQueryWriteLength());
                CourierEnvelopeReply ack = ReplyReader.parse(send(net, w));
                assertThat(ReplyReader.read(w, null, ack)).isInstanceOf(ReplyOutcome.Ack.class);
                // the second copy gets the replica's cached write reply: the buggy 29-byte one is typed ACK
                CourierEnvelopeReply again = ReplyReader.parse(send(net, w));
                assertThat(again.isAck()).isTrue();
                assertThat(again.payload()).hasSize(29);
                assertThat(ReplyReader.read(w, null, again)).isInstanceOf(ReplyOutcome.Ack.class);
            }
            for (int slot = 0; slot < 2; slot++) {
                try (PreparedQuery r = prep.prepareRead(rc, i0, slot, net.replicas, 42)) {
                    assertThat(r.courierQuery().length).isEqualTo(GEO.courierQueryReadLength());
                    assertThat(ReplyReader.read(r, rc, ReplyReader.parse(send(net, r)))).isInstanceOf(ReplyOutcome.Ack.class);
                    ReplyOutcome got = ReplyReader.read(r, rc, ReplyReader.parse(send(net, r)));
                    assertThat(got).isInstanceOf(ReplyOutcome.Message.class);
                    assertThat(((ReplyOutcome.Message) got).message()).isEqualTo(msg);
                    assertThat(got.replyIndex()).isEqualTo(slot);
                    // the resume path: decrypt with the ephemeral key instead of the kept reply keys
                    ReplyOutcome viaDh = ReplyReader.readWithEphemeralKey(net.mkem, r.ephemeralPrivateKey(),
                            new byte[][] {r.replicaPublicKey(0), r.replicaPublicKey(1)}, r.target(), rc,
                            ReplyReader.parse(send(net, r)));
                    assertThat(((ReplyOutcome.Message) viaDh).message()).isEqualTo(msg);
                }
            }
            // the next box is empty: not found
            try (PreparedQuery r = prep.prepareRead(rc, i0.next(), 0, net.replicas, 42)) {
                send(net, r);
                assertThat(ReplyReader.read(r, rc, ReplyReader.parse(send(net, r)))).isInstanceOf(ReplyOutcome.NotFound.class);
            }
        }
    }

    @Test
    void aReplyForAnotherIndexOrCapabilityIsRejected() throws Exception {
        SecureRandom rng = Vectors.detRand("round trip 2");
        FakeStorage net = new FakeStorage(X25519Nike.INSTANCE, 4, rng);
        QueryPreparer prep = new QueryPreparer(GEO, net.mkem, rng);
        WriteCap wc = WriteCap.generate(rng);
        ReadCap rc = wc.readCap();
        send(net, prep.prepareWrite(wc, wc.firstIndex(), new byte[0], net.replicas, 1));
        PreparedQuery r = prep.prepareRead(rc, wc.firstIndex(), 0, net.replicas, 1);
        send(net, r);
        CourierEnvelopeReply payload = ReplyReader.parse(send(net, r));
        assertThat(((ReplyOutcome.Message) ReplyReader.read(r, rc, payload)).message()).isEmpty();
        ReadCap other = WriteCap.generate(rng).readCap();
        assertThat(ReplyReader.read(r, other, payload)).isInstanceOf(ReplyOutcome.Invalid.class);
        // a courier reply carrying a payload for another envelope's keys does not decrypt
        PreparedQuery r2 = prep.prepareRead(rc, wc.firstIndex(), 0, net.replicas, 1);
        assertThat(ReplyReader.read(r2, rc, payload)).isInstanceOf(ReplyOutcome.Invalid.class);
    }

    @Test
    void fixedWriteRepliesAreReported() throws Exception {
        SecureRandom rng = Vectors.detRand("round trip 3");
        FakeStorage net = new FakeStorage(X25519Nike.INSTANCE, 2, rng);
        net.bugCompatibleWriteReply = false;
        QueryPreparer prep = new QueryPreparer(GEO, net.mkem, rng);
        WriteCap wc = WriteCap.generate(rng);
        PreparedQuery w = prep.prepareWrite(wc, wc.firstIndex(), new byte[10], net.replicas, 1);
        send(net, w);
        // a 30-byte reply is PAYLOAD; it decodes as a write result
        ReplyOutcome out = ReplyReader.read(w, null, ReplyReader.parse(send(net, w)));
        assertThat(out).isEqualTo(new ReplyOutcome.WriteResult(0, 0));
    }

    @Test
    void preparationChecks() throws Exception {
        SecureRandom rng = Vectors.detRand("round trip 4");
        FakeStorage net = new FakeStorage(X25519Nike.INSTANCE, 2, rng);
        QueryPreparer prep = new QueryPreparer(GEO, net.mkem, rng);
        WriteCap wc = WriteCap.generate(rng);
        assertThatThrownBy(() -> prep.prepareWrite(wc, wc.firstIndex(), new byte[1554], net.replicas, 1))
                .isInstanceOf(PigeonholeException.class).hasMessageContaining("exceeds");
        assertThat(prep.prepareWrite(wc, wc.firstIndex(), new byte[1553], net.replicas, 1).courierQuery().length).isEqualTo(GEO.courierQueryWriteLength());
        assertThatThrownBy(() -> prep.prepareRead(wc.readCap(), wc.firstIndex(), 2, net.replicas, 1))
                .isInstanceOf(PigeonholeException.class);
        assertThatThrownBy(() -> prep.prepareRead(wc.readCap(), wc.firstIndex(), 0, net.replicas.subList(0, 1), 1))
                .isInstanceOf(PigeonholeException.class);
        StorageReplica noKey = new StorageReplica(net.replicas.get(1).identityKey(), null);
        assertThatThrownBy(() -> prep.prepareRead(wc.readCap(), wc.firstIndex(), 0, java.util.List.of(net.replicas.get(0), noKey), 1))
                .isInstanceOf(PigeonholeException.class).hasMessageContaining("envelope key");
    }
}
