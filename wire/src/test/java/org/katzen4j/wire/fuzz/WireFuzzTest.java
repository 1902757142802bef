package org.katzen4j.wire.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

import org.katzen4j.crypto.Schemes;
import org.katzen4j.wire.AuthMessage;
import org.katzen4j.wire.CommandException;
import org.katzen4j.wire.ConsensusDechunker;
import org.katzen4j.wire.ConsensusReply;
import org.katzen4j.wire.HandshakeException;
import org.katzen4j.wire.TransportException;
import org.katzen4j.wire.WireHandshake;
import org.katzen4j.wire.commands.CommandCodec;
import org.katzen4j.wire.commands.CommandGeometry;
import org.katzen4j.wire.commands.Consensus2;
import org.katzen4j.wire.commands.WireCommand;
import org.katzen4j.wire.noise.NoiseKem;
import org.katzen4j.wire.noise.PqXXHandshake;

/**
 * Fuzzes what a gateway (or anyone on the path to it) can send us: link commands after the handshake, the
 * chunked gzip consensus, the Noise pqXX handshake messages at every step, and the authentication payload
 * inside them. Only the wire
 * module's checked exceptions may come out.
 *
 * <p>Without {@code JAZZER_FUZZ} the committed inputs under
 * {@code src/test/resources/org/katzen4j/wire/fuzz/WireFuzzTestInputs/} are replayed.
 */
class WireFuzzTest {

    /** The smallest oracle geometry (x25519, 2 hops, user payload 50 bytes, no SURB): short commands. */
    private static final CommandGeometry GEOMETRY = new CommandGeometry(312, 50, 50, 32, 326, 2);
    private static final CommandCodec PADDED = CommandCodec.padded(GEOMETRY);
    private static final CommandCodec UNPADDED = CommandCodec.unpadded(GEOMETRY);

    /** One link command, as the gateway (or a client, for the gateway-side decoder) sends it. */
    @FuzzTest(maxDuration = "30s")
    void command(byte[] data) {
        for (CommandCodec codec : new CommandCodec[] {PADDED, UNPADDED}) {
            for (CommandCodec.Direction from : CommandCodec.Direction.values()) {
                WireCommand c;
                try {
                    c = codec.decode(data, from);
                } catch (CommandException expected) {
                    continue;
                }
                byte[] encoded = codec.encode(c);
                try {
                    assertThat(codec.encode(codec.decode(encoded, from))).isEqualTo(encoded);
                } catch (CommandException e) {
                    throw new AssertionError("re-encoded " + c + " does not decode: " + e.getMessage(), e);
                }
            }
        }
    }

    private static final int MAX_COMPRESSED = 64 * 1024;
    private static final int MAX_DOCUMENT = 256 * 1024;

    /**
     * A consensus as Consensus2 chunks: the first byte picks the number of chunks (1-4), an error code for the
     * last chunk and whether one chunk number is skipped; the rest is the gzip stream, split evenly. Only a
     * {@link TransportException} may come out, and a document is never larger than the cap (gzip bombs).
     */
    @FuzzTest(maxDuration = "30s")
    void consensusChunks(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int chunks = 1 + (data[0] & 3);
        int errorCode = (data[0] >> 2) & 3;
        boolean skip = (data[0] & 0x10) != 0;
        byte[] gz = Arrays.copyOfRange(data, 1, data.length);
        ConsensusDechunker d = new ConsensusDechunker(EPOCH, MAX_COMPRESSED, MAX_DOCUMENT);
        int per = (gz.length + chunks - 1) / chunks;
        try {
            for (int i = 0; i < chunks; i++) {
                byte[] part = Arrays.copyOfRange(gz, Math.min(gz.length, i * per), Math.min(gz.length, (i + 1) * per));
                long num = skip && i > 0 ? i + 1 : i;
                ConsensusReply r = d.add(new Consensus2(i == chunks - 1 ? errorCode : 0, num, chunks, part));
                if (r != null) {
                    assertThat(i).isEqualTo(chunks - 1);
                    assertThat(r.epoch()).isEqualTo(EPOCH);
                    if (r.status() == ConsensusReply.Status.FOUND) {
                        assertThat(r.certificate().length).isBetween(1, MAX_DOCUMENT);
                    }
                    return;
                }
            }
            throw new AssertionError("all chunks added but no reply");
        } catch (TransportException expected) {
            // bad numbering, error code, oversized or not gzip
        }
    }

    private static final long EPOCH = 3_000_000L;

    /** The authentication payload carried in handshake messages 2 and 3. */
    @FuzzTest(maxDuration = "30s")
    void authMessage(byte[] data) {
        AuthMessage m;
        try {
            m = AuthMessage.decode(data);
        } catch (HandshakeException expected) {
            return;
        }
        try {
            assertThat(AuthMessage.decode(m.encode())).isEqualTo(m);
        } catch (HandshakeException e) {
            throw new AssertionError("re-encoded auth message does not decode", e);
        }
    }

    /**
     * A genuine XWING pqXX handshake in lock step in which message {@code step} is corrupted (bytes flipped,
     * cut, extended or replaced by the fuzzer). The side reading it must fail with a {@link HandshakeException}
     * unless the message arrived unchanged. Randomness is seeded from the input, so a finding replays.
     */
    @FuzzTest(maxDuration = "30s")
    void handshake(FuzzedDataProvider data) throws HandshakeException {
        int step = data.consumeInt(0, 3);
        int mode = data.consumeInt(0, 3);
        long seed = data.consumeLong();
        byte[] fuzz = data.consumeRemainingAsBytes();

        NoiseKem kem = NoiseKem.of(Schemes.XWING, deterministic(seed));
        try (PqXXHandshake initiator = PqXXHandshake.start(PqXXHandshake.Role.INITIATOR, kem, Keys.INITIATOR,
                        new byte[] {WireHandshake.PROLOGUE});
                PqXXHandshake responder = PqXXHandshake.start(PqXXHandshake.Role.RESPONDER, kem, Keys.RESPONDER,
                        new byte[] {WireHandshake.PROLOGUE})) {
            boolean tampered = false;
            for (int i = 0; i < 4; i++) {
                PqXXHandshake writer = i % 2 == 0 ? initiator : responder;
                PqXXHandshake reader = i % 2 == 0 ? responder : initiator;
                byte[] message;
                try {
                    message = writer.writeMessage(new byte[] {(byte) i});
                } catch (HandshakeException e) {
                    // e.g. the responder cannot encapsulate to a tampered clear ephemeral key from message 0
                    assertThat(tampered).as("writing message %d failed: %s", i, e.getMessage()).isTrue();
                    return;
                }
                if (i == step) {
                    byte[] bad = corrupt(message, mode, fuzz);
                    tampered = !Arrays.equals(bad, message);
                    message = bad;
                }
                byte[] payload;
                try {
                    payload = reader.readMessage(message);
                } catch (HandshakeException e) {
                    assertThat(tampered).as("genuine message %d rejected: %s", i, e.getMessage()).isTrue();
                    assertThat(reader.state()).isEqualTo(PqXXHandshake.State.FAILED);
                    return;
                }
                // Message 0 travels in clear, so a changed ephemeral key or payload is only noticed at
                // message 1 (it went into the handshake hash); any later change must be rejected on the spot.
                assertThat(tampered && i > 0).as("tampered message %d accepted", i).isFalse();
                if (!tampered) {
                    assertThat(payload).containsExactly((byte) i);
                }
            }
            assertThat(tampered).as("handshake completed although message %d was changed", step).isFalse();
        }
    }

    private static byte[] corrupt(byte[] genuine, int mode, byte[] fuzz) {
        switch (mode) {
            case 0 -> { // XOR the fuzz bytes in at the start
                byte[] b = genuine.clone();
                for (int j = 0; j < Math.min(fuzz.length, b.length); j++) {
                    b[j] ^= fuzz[j];
                }
                return b;
            }
            case 1 -> { // flip at fuzz-chosen positions
                byte[] b = genuine.clone();
                for (int j = 0; j + 2 < fuzz.length; j += 3) {
                    int pos = ((fuzz[j] & 0xff) << 8 | (fuzz[j + 1] & 0xff)) % b.length;
                    b[pos] ^= (byte) (fuzz[j + 2] | 1);
                }
                return b;
            }
            case 2 -> { // cut or extend
                int len = fuzz.length < 2 ? 0 : ((fuzz[0] & 0xff) << 8 | (fuzz[1] & 0xff)) % (genuine.length + 64);
                return Arrays.copyOf(genuine, len);
            }
            default -> {
                return fuzz.clone(); // wholly attacker-chosen
            }
        }
    }

    private static SecureRandom deterministic(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Static keys made once per JVM (XWING key generation is the slow part). */
    private static final class Keys {
        static final NoiseKem.LocalKey INITIATOR;
        static final NoiseKem.LocalKey RESPONDER;

        static {
            try {
                NoiseKem kem = NoiseKem.of(Schemes.XWING, deterministic(1));
                INITIATOR = kem.generate();
                RESPONDER = kem.generate();
            } catch (NoiseKem.KemFailure e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
