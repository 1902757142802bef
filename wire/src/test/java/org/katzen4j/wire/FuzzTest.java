package org.katzen4j.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Random;

import javax.crypto.AEADBadTagException;

import org.junit.jupiter.api.Test;
import org.katzen4j.wire.commands.CommandCodec;
import org.katzen4j.wire.commands.CommandGeometry;
import org.katzen4j.wire.commands.Consensus2;
import org.katzen4j.wire.commands.MessageAck;
import org.katzen4j.wire.commands.WireCommand;
import org.katzen4j.wire.noise.CipherState;
import org.katzen4j.wire.noise.PqXXHandshake;

import tools.jackson.databind.JsonNode;

/**
 * Random, truncated and bit-flipped bytes into every parser: only the module's typed exceptions may
 * come out (never an unchecked exception from parsing, BouncyCastle or array indexing).
 */
class FuzzTest {
    static final Random R = new Random(0x6b61747a);
    static final CommandGeometry[] GEOS = {
        new CommandGeometry(1298, 216, 790, 32, 572, 2),
        new CommandGeometry(3082, 2000, 2574, 32, 572, 2),
        new CommandGeometry(312, 50, 50, 32, 326, 2),
    };

    interface Parse {
        void run() throws Exception;
    }

    static void typedOnly(Parse p, Class<? extends Exception> allowed, String what) {
        try {
            p.run();
        } catch (Exception e) {
            if (!allowed.isInstance(e)) {
                fail(what + ": unexpected " + e, e);
            }
        }
    }

    static byte[] random(int max) {
        byte[] b = new byte[R.nextInt(max + 1)];
        R.nextBytes(b);
        return b;
    }

    /** Valid commands from the oracle vectors, mutated: truncated, extended, bit-flipped, header-edited. */
    @Test
    void commandDecoderOnlyThrowsCommandException() {
        JsonNode file = Vectors.load("wire_commands.json");
        int decoded = 0;
        int rejected = 0;
        for (JsonNode v : file.get("vectors")) {
            CommandGeometry g = GEOS[0];
            JsonNode geo = file.get("geometries").get(v.get("geometry").asInt());
            g = new CommandGeometry(geo.get("packetLength").asInt(), geo.get("userForwardPayloadLength").asInt(),
                    geo.get("forwardPayloadLength").asInt(), geo.get("payloadTagLength").asInt(),
                    geo.get("surbLength").asInt(), geo.get("sphinxPlaintextHeaderLength").asInt());
            CommandCodec codec = CommandCodec.padded(g);
            byte[] good = Vectors.hex(v.get("padded"));
            for (int i = 0; i < 40; i++) {
                byte[] b = switch (i % 5) {
                    case 0 -> Arrays.copyOf(good, R.nextInt(good.length + 1));
                    case 1 -> Arrays.copyOf(good, good.length + 1 + R.nextInt(8));
                    case 2 -> {
                        byte[] x = good.clone();
                        x[R.nextInt(x.length)] ^= (byte) (1 << R.nextInt(8));
                        yield x;
                    }
                    case 3 -> {
                        byte[] x = good.clone();
                        x[2 + R.nextInt(4)] = (byte) R.nextInt(256);
                        yield x;
                    }
                    default -> {
                        byte[] x = good.clone();
                        x[0] = (byte) R.nextInt(40);
                        yield x;
                    }
                };
                for (CommandCodec.Direction d : CommandCodec.Direction.values()) {
                    try {
                        WireCommand c = codec.decode(b, d);
                        decoded++;
                        // anything accepted must re-encode to a prefix-compatible command
                        assertThat(codec.encode(c)).isNotNull();
                    } catch (CommandException e) {
                        rejected++;
                    } catch (RuntimeException e) {
                        fail("decoder threw " + e + " for " + Vectors.hex(Arrays.copyOf(b, Math.min(b.length, 16))), e);
                    }
                }
            }
        }
        for (int i = 0; i < 3000; i++) {
            byte[] b = random(i < 1000 ? 16 : 4000);
            CommandCodec codec = CommandCodec.padded(GEOS[i % GEOS.length]);
            for (CommandCodec.Direction d : CommandCodec.Direction.values()) {
                typedOnly(() -> codec.decode(b, d), CommandException.class, "random command");
            }
        }
        assertThat(rejected).isGreaterThan(1000);
        assertThat(decoded).isGreaterThan(0);
    }

    @Test
    void headerWithHugeLengthIsRejectedWithoutAllocating() {
        byte[] b = {17, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        typedOnly(() -> CommandCodec.padded(GEOS[0]).decode(b, CommandCodec.Direction.GATEWAY_TO_CLIENT),
                CommandException.class, "huge length");
    }

    @Test
    void authMessageDecoder() {
        for (int i = 0; i < 2000; i++) {
            byte[] b = i % 2 == 0 ? random(300) : random(0).length == 0 ? new byte[AuthMessage.LENGTH] : random(300);
            if (i % 3 == 0) {
                b = new byte[AuthMessage.LENGTH];
                R.nextBytes(b);
            }
            byte[] x = b;
            typedOnly(() -> AuthMessage.decode(x), HandshakeException.class, "auth");
        }
    }

    /** Random and mutated handshake messages at every stage, in both roles. */
    @Test
    void handshakeReadMessageOnlyThrowsHandshakeException() throws Exception {
        JsonNode t = Vectors.load("wire_noise.json");
        byte[][] msgs = new byte[4][];
        for (int i = 0; i < 4; i++) {
            msgs[i] = Vectors.hex(t.get("messages").get(i));
        }
        msgs[0] = Arrays.copyOfRange(msgs[0], 1, msgs[0].length); // pure Noise message without the prologue byte
        for (int trial = 0; trial < 300; trial++) {
            String role = trial % 2 == 0 ? "initiator" : "responder";
            ScriptedKem kem = new ScriptedKem(t, role);
            PqXXHandshake hs = PqXXHandshake.start(role.equals("initiator") ? PqXXHandshake.Role.INITIATOR
                    : PqXXHandshake.Role.RESPONDER, kem,
                    kem.local(Vectors.hex(t.get(role + "StaticPublicKey"))), new byte[] {3});
            int stage = R.nextInt(4);
            // drive the honest transcript up to the stage, then feed garbage
            boolean ok = true;
            for (int m = 0; m < stage && ok; m++) {
                boolean mine = (m % 2 == 0) == role.equals("initiator");
                try {
                    if (mine) {
                        hs.writeMessage(m == 1 || m == 2 ? Vectors.hex(t.get(role + "AuthPayload")) : new byte[0]);
                    } else {
                        hs.readMessage(msgs[m]);
                    }
                } catch (HandshakeException e) {
                    ok = false;
                }
            }
            if (!ok || hs.isMyTurn()) {
                continue;
            }
            int idx = hs.state().ordinal();
            byte[] bad = switch (R.nextInt(3)) {
                case 0 -> Arrays.copyOf(msgs[idx], R.nextInt(msgs[idx].length + 1));
                case 1 -> {
                    byte[] x = msgs[idx].clone();
                    x[R.nextInt(x.length)] ^= 0x40;
                    yield x;
                }
                default -> random(3000);
            };
            typedOnly(() -> hs.readMessage(bad), HandshakeException.class, "handshake stage " + idx);
        }
    }

    @Test
    void handshakeOverRandomStreams() {
        JsonNode t = Vectors.load("wire_noise.json");
        for (int i = 0; i < 60; i++) {
            byte[] in = random(6000);
            ScriptedKem ik = new ScriptedKem(t, "initiator");
            typedOnly(() -> WireHandshake.initiate(new ByteArrayInputStream(in), new ByteArrayOutputStream(), ik,
                    ik.local(Vectors.hex(t.get("initiatorStaticPublicKey"))), new byte[32], PeerAuthenticator.acceptAll(),
                    Clock.systemUTC(), 1 << 16), WireException.class, "initiator stream");
            ScriptedKem rk = new ScriptedKem(t, "responder");
            typedOnly(() -> WireHandshake.respond(new ByteArrayInputStream(in), new ByteArrayOutputStream(), rk,
                    rk.local(Vectors.hex(t.get("responderStaticPublicKey"))), new byte[32], 0,
                    PeerAuthenticator.acceptAll(), 1 << 16), WireException.class, "responder stream");
        }
    }

    @Test
    void transportFramesOnlyThrowTransportException() {
        byte[] key = new byte[32];
        R.nextBytes(key);
        for (int i = 0; i < 500; i++) {
            Transport sender = new Transport(CipherState.withKey(key), CipherState.withKey(key), 1 << 16);
            Transport receiver = new Transport(CipherState.withKey(key), CipherState.withKey(key), 1 << 16);
            byte[] frame;
            try {
                frame = sender.seal(random(200));
            } catch (TransportException e) {
                throw new AssertionError(e);
            }
            byte[] bad = switch (i % 3) {
                case 0 -> Arrays.copyOf(frame, R.nextInt(frame.length));
                case 1 -> {
                    byte[] x = frame.clone();
                    x[R.nextInt(x.length)] ^= 1;
                    yield x;
                }
                default -> random(300);
            };
            typedOnly(() -> {
                int len = receiver.openHeader(Arrays.copyOf(bad, Transport.HEADER_LENGTH));
                receiver.openBody(Arrays.copyOfRange(bad, Transport.HEADER_LENGTH,
                        Math.min(bad.length, Transport.HEADER_LENGTH + len)));
                assertThat(Arrays.equals(bad, frame)).isTrue(); // only the untouched frame may pass
            }, TransportException.class, "frame");
        }
    }

    @Test
    void oversizedFrameLengthIsRefusedBeforeReadingTheBody() throws Exception {
        byte[] key = new byte[32];
        CipherState enc = CipherState.withKey(key);
        byte[] hdr = enc.encryptWithAd(new byte[0], new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        Transport receiver = new Transport(CipherState.withKey(key), CipherState.withKey(key), 1 << 16);
        typedOnly(() -> {
            receiver.openHeader(hdr);
            fail("accepted a 2 GiB frame");
        }, TransportException.class, "oversized");
    }

    @Test
    void aClosedTransportNeverEmitsPlaintext() throws Exception {
        Transport t = new Transport(CipherState.withKey(new byte[32]), CipherState.withKey(new byte[32]), 1 << 16);
        byte[] secret = "attack at dawn".getBytes();
        assertThat(new String(t.seal(secret))).doesNotContain("attack");
        t.close();
        typedOnly(() -> {
            t.seal(secret);
            fail("sealed after close");
        }, TransportException.class, "closed seal");
        typedOnly(() -> {
            t.openHeader(new byte[Transport.HEADER_LENGTH]);
            fail("opened after close");
        }, TransportException.class, "closed open");
    }

    @Test
    void cipherStateRejectsShortAndForgedCiphertexts() {
        CipherState cs = CipherState.withKey(new byte[32]);
        for (int i = 0; i < 200; i++) {
            byte[] b = random(64);
            typedOnly(() -> cs.decryptWithAd(new byte[0], b), AEADBadTagException.class, "aead");
        }
        assertThat(cs.nonce()).isZero(); // failures never advance the nonce
    }

    @Test
    void dechunkerOnlyThrowsTransportException() {
        for (int i = 0; i < 500; i++) {
            ConsensusDechunker d = new ConsensusDechunker(1, 1 << 16, 1 << 16);
            int n = 1 + R.nextInt(4);
            typedOnly(() -> {
                for (int k = 0; k < n; k++) {
                    long num = R.nextInt(4) == 0 ? R.nextInt(5) : k;
                    long total = R.nextInt(4) == 0 ? R.nextInt(5) : n;
                    d.add(new Consensus2(R.nextInt(6) == 0 ? R.nextInt(4) : 0, num, total, random(500)));
                }
            }, TransportException.class, "dechunk");
        }
    }

    @Test
    void ourOwnBadArgumentsAreProgrammingErrorsNotWireErrors() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MessageAck(0, 0, new byte[15], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> CommandCodec.padded(GEOS[0]).encode(new org.katzen4j.wire.commands.SendPacket(new byte[10])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
