package org.katzen4j.pigeonhole.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.pigeonhole.PaddedPayload;
import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.pigeonhole.bacap.MessageBoxIndex;
import org.katzen4j.pigeonhole.bacap.ReadCap;
import org.katzen4j.pigeonhole.bacap.WriteCap;
import org.katzen4j.pigeonhole.message.Box;
import org.katzen4j.pigeonhole.message.CourierEnvelope;
import org.katzen4j.pigeonhole.message.CourierEnvelopeReply;
import org.katzen4j.pigeonhole.message.CourierQuery;
import org.katzen4j.pigeonhole.message.CourierQueryReply;
import org.katzen4j.pigeonhole.message.ReplicaInnerMessage;
import org.katzen4j.pigeonhole.message.ReplicaMessageReplyInnerMessage;
import org.katzen4j.pigeonhole.mkem.Mkem;
import org.katzen4j.pigeonhole.mkem.X25519Nike;
import org.katzen4j.pigeonhole.query.PreparedQuery;
import org.katzen4j.pigeonhole.query.QueryPreparer;
import org.katzen4j.pigeonhole.query.ReplyOutcome;
import org.katzen4j.pigeonhole.query.ReplyReader;
import org.katzen4j.pigeonhole.query.StorageReplica;

/**
 * Fuzzes the Pigeonhole decoders: every trunnel message a courier or replica can send back (and the ones we
 * send, for the courier/replica fakes), a replica's sealed reply to a read as the client interprets it,
 * capabilities an app hands in, and the padded payload inside a box.
 * Only {@link DecodeException} / {@link PigeonholeException} may come out. A decoded message re-encodes to a
 * prefix of its input (trunnel ignores what follows) and that encoding is a fixed point.
 *
 * <p>Without {@code JAZZER_FUZZ} the committed inputs under
 * {@code src/test/resources/org/katzen4j/pigeonhole/fuzz/PigeonholeFuzzTestInputs/} are replayed.
 */
class PigeonholeFuzzTest {

    private interface Decoder {
        byte[] decodeAndEncode(byte[] b) throws DecodeException;
    }

    private static final List<Decoder> MESSAGES = List.of(
            b -> CourierQuery.decode(b).toBytes(),
            b -> CourierQuery.decodePadded(b).toBytes(),
            b -> CourierQueryReply.decode(b).toBytes(),
            b -> CourierQueryReply.decodePadded(b).toBytes(),
            b -> ReplicaInnerMessage.decode(b).toBytes(),
            b -> ReplicaMessageReplyInnerMessage.decode(b).toBytes(),
            b -> Box.decode(b).toBytes(),
            b -> CourierEnvelope.decodeEnvelope(b).encodeEnvelope());

    /** The same bytes through every message decoder. */
    @FuzzTest(maxDuration = "30s")
    void message(byte[] data) {
        for (int i = 0; i < MESSAGES.size(); i++) {
            Decoder d = MESSAGES.get(i);
            byte[] out;
            try {
                out = d.decodeAndEncode(data);
            } catch (DecodeException expected) {
                continue;
            }
            assertThat(out.length).as("decoder %d", i).isLessThanOrEqualTo(data.length);
            assertThat(Arrays.equals(out, 0, out.length, data, 0, out.length))
                    .as("decoder %d re-encodes to a prefix of its input", i).isTrue();
            try {
                assertThat(d.decodeAndEncode(out)).as("decoder %d", i).isEqualTo(out);
            } catch (DecodeException e) {
                throw new AssertionError("decoder " + i + ": re-encoding does not decode: " + e.getMessage(), e);
            }
        }
    }

    /** A read query prepared once against four fake X25519 replicas whose private keys we hold. */
    private static final class ReadQuery {
        static final Mkem MKEM;
        static final ReadCap READ_CAP;
        static final PreparedQuery QUERY;
        static final byte[][] REPLICA_PRIVATE = new byte[4][];

        static {
            try {
                SecureRandom rng = SecureRandom.getInstance("SHA1PRNG");
                rng.setSeed(12);
                MKEM = new Mkem(X25519Nike.INSTANCE, rng);
                List<StorageReplica> replicas = new ArrayList<>();
                for (int i = 0; i < REPLICA_PRIVATE.length; i++) {
                    REPLICA_PRIVATE[i] = new byte[32];
                    rng.nextBytes(REPLICA_PRIVATE[i]);
                    byte[] id = new byte[32];
                    rng.nextBytes(id);
                    replicas.add(new StorageReplica(id, X25519Nike.INSTANCE.publicKey(REPLICA_PRIVATE[i])));
                }
                WriteCap wc = WriteCap.generate(rng);
                READ_CAP = wc.readCap();
                QUERY = new QueryPreparer(PigeonholeGeometry.of(1553, "x25519"), MKEM, rng)
                        .prepareRead(READ_CAP, wc.firstIndex(), 0, replicas, 42);
            } catch (NoSuchAlgorithmException | PigeonholeException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /**
     * What a replica returns for our read, sealed as a genuine replica would (so the fuzzer gets past the MKEM
     * tag): the first byte picks the reply slot, the rest is the inner reply plaintext. {@code ReplyReader.read}
     * must classify anything without throwing.
     */
    @FuzzTest(maxDuration = "30s")
    void replicaReply(byte[] data) throws PigeonholeException {
        if (data.length == 0) {
            return;
        }
        int slot = data[0] & 1;
        byte[] plaintext = Arrays.copyOfRange(data, 1, data.length);
        PreparedQuery q = ReadQuery.QUERY;
        byte[] sealed = ReadQuery.MKEM.envelopeReply(ReadQuery.REPLICA_PRIVATE[q.replicaNumbers()[slot]],
                q.envelope().senderPubkey(), plaintext);
        CourierEnvelopeReply reply = new CourierEnvelopeReply(q.envelopeHash(), slot,
                CourierEnvelopeReply.REPLY_TYPE_PAYLOAD, sealed, 0);
        ReplyOutcome outcome = ReplyReader.read(q, ReadQuery.READ_CAP, reply);
        assertThat(outcome).isNotNull();
        assertThat(outcome.replyIndex()).isEqualTo(slot);
    }

    /** Read and write capabilities and box indexes as an app supplies them, and a box's padded payload. */
    @FuzzTest(maxDuration = "30s")
    void capabilities(byte[] data) {
        try {
            ReadCap r = ReadCap.fromBytes(data);
            assertThat(ReadCap.fromBytes(r.toBytes()).toBytes()).isEqualTo(r.toBytes());
        } catch (PigeonholeException expected) {
            // not a valid read capability
        }
        try {
            WriteCap w = WriteCap.fromBytes(data);
            assertThat(WriteCap.fromBytes(w.toBytes()).toBytes()).isEqualTo(w.toBytes());
        } catch (PigeonholeException expected) {
            // not a valid write capability
        }
        try {
            MessageBoxIndex x = MessageBoxIndex.fromBytes(data);
            assertThat(MessageBoxIndex.fromBytes(x.toBytes()).toBytes()).isEqualTo(x.toBytes());
        } catch (PigeonholeException expected) {
            // not a valid index
        }
        try {
            byte[] message = PaddedPayload.extract(data);
            assertThat(message.length).isLessThanOrEqualTo(Math.max(0, data.length - PaddedPayload.LENGTH_PREFIX_SIZE));
        } catch (PigeonholeException expected) {
            // bad length prefix
        }
    }
}
