package org.katzen4j.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.katzen4j.wire.commands.CommandCodec;
import org.katzen4j.wire.commands.CommandGeometry;
import org.katzen4j.wire.commands.NoOp;
import org.katzen4j.wire.commands.WireCommand;
import org.katzen4j.wire.noise.PqXXHandshake;

import tools.jackson.databind.JsonNode;

/**
 * Replays a complete wire transcript produced by the reference (nyquist + the session framing) with
 * all randomness fixed: Java must emit the same handshake messages and transport frames byte for
 * byte, in both roles, and read the other side's.
 */
class NoiseTranscriptTest {
    static final JsonNode T = Vectors.load("wire_noise.json");
    static final int MAX_FRAME = 1 << 20;

    static byte[] msg(int i) {
        return Vectors.hex(T.get("messages").get(i));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static CommandGeometry geometry() {
        JsonNode g = T.get("geometry");
        return new CommandGeometry(g.get("packetLength").asInt(), g.get("userForwardPayloadLength").asInt(),
                g.get("forwardPayloadLength").asInt(), g.get("payloadTagLength").asInt(), g.get("surbLength").asInt(),
                g.get("sphinxPlaintextHeaderLength").asInt());
    }

    @Test
    void protocolNameAndSizes() {
        ScriptedKem kem = new ScriptedKem(T, "initiator");
        assertThat(PqXXHandshake.protocolName(kem.name())).isEqualTo(T.get("protocolName").asString())
                .isEqualTo("Noise_pqXX_XWING_ChaChaPoly_BLAKE2b");
        assertThat(new int[] {WireHandshake.message1Length(kem), WireHandshake.message2Length(kem),
                WireHandshake.message3Length(kem), WireHandshake.message4Length(kem)})
                .containsExactly(msg(0).length, msg(1).length, msg(2).length, msg(3).length)
                .containsExactly(1217, 2628, 2644, 1152);
    }

    @Test
    void initiatorReproducesTheReferenceTranscript() throws Exception {
        ScriptedKem kem = new ScriptedKem(T, "initiator");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1763900000L + 7), ZoneOffset.UTC);
        byte[] ourAd = Arrays.copyOfRange(Vectors.hex(T.get("initiatorAuthPayload")), 1, 33);
        WireHandshake.Outcome o = WireHandshake.initiate(new ByteArrayInputStream(concat(msg(1), msg(3))), out, kem,
                kem.local(Vectors.hex(T.get("initiatorStaticPublicKey"))), ourAd,
                PeerAuthenticator.gateway(Vectors.hex(T.get("responderStaticPublicKey")),
                        Vectors.hex(T.get("responderIdentityKey"))),
                clock, MAX_FRAME);
        assertThat(Vectors.hex(out.toByteArray())).isEqualTo(Vectors.hex(concat(msg(0), msg(2))));
        assertThat(o.clockSkewSeconds()).isEqualTo(7);
        assertThat(o.peer().unixTime()).isEqualTo(1763900000L);
        replayFrames(o.transport(), "initiator");
    }

    @Test
    void responderReproducesTheReferenceTranscript() throws Exception {
        ScriptedKem kem = new ScriptedKem(T, "responder");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] idHash = Arrays.copyOfRange(Vectors.hex(T.get("responderAuthPayload")), 1, 33);
        byte[] initiatorLink = Vectors.hex(T.get("initiatorStaticPublicKey"));
        WireHandshake.Outcome o = WireHandshake.respond(new ByteArrayInputStream(concat(msg(0), msg(2))), out, kem,
                kem.local(Vectors.hex(T.get("responderStaticPublicKey"))), idHash, 1763900000L,
                peer -> assertThat(peer.linkPublicKey()).isEqualTo(initiatorLink), MAX_FRAME);
        assertThat(Vectors.hex(out.toByteArray())).isEqualTo(Vectors.hex(concat(msg(1), msg(3))));
        assertThat(new String(o.peer().additionalData(), java.nio.charset.StandardCharsets.US_ASCII)).hasSize(32)
                .matches("[0-9a-f]{32}");
        replayFrames(o.transport(), "responder");
    }

    /**
     * Same initiator run, but our ephemeral and static keys are the reference's private keys loaded
     * into the crypto module's XWING, so every decapsulation of a Go ciphertext is real.
     */
    @Test
    void initiatorDecapsulatesTheReferenceCiphertextsWithRealXWing() throws Exception {
        org.katzen4j.crypto.KemScheme xwing = org.katzen4j.crypto.Schemes.XWING;
        ScriptedKem scripted = new ScriptedKem(T, "initiator");
        org.katzen4j.wire.noise.NoiseKem kem = new org.katzen4j.wire.noise.NoiseKem() {
            @Override
            public String name() {
                return xwing.name();
            }

            @Override
            public int publicKeySize() {
                return xwing.publicKeySize();
            }

            @Override
            public int ciphertextSize() {
                return xwing.ciphertextSize();
            }

            @Override
            public LocalKey generate() throws KemFailure {
                try {
                    return org.katzen4j.wire.noise.NoiseKem.local(
                            xwing.privateKeyFromBytes(Vectors.hex(T.get("initiatorEphemeralPrivateKey"))));
                } catch (org.katzen4j.crypto.CryptoException e) {
                    throw new KemFailure(e.getMessage(), e);
                }
            }

            @Override
            public Encapsulation encapsulate(byte[] peerPublicKey) {
                return scripted.encapsulate(peerPublicKey);
            }
        };
        var staticKey = org.katzen4j.wire.noise.NoiseKem.local(
                xwing.privateKeyFromBytes(Vectors.hex(T.get("initiatorStaticPrivateKey"))));
        assertThat(staticKey.publicKey()).isEqualTo(Vectors.hex(T.get("initiatorStaticPublicKey")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireHandshake.Outcome o = WireHandshake.initiate(new ByteArrayInputStream(concat(msg(1), msg(3))), out, kem,
                staticKey, Arrays.copyOfRange(Vectors.hex(T.get("initiatorAuthPayload")), 1, 33),
                PeerAuthenticator.gateway(Vectors.hex(T.get("responderStaticPublicKey")),
                        Vectors.hex(T.get("responderIdentityKey"))),
                Clock.systemUTC(), MAX_FRAME);
        assertThat(Vectors.hex(out.toByteArray())).isEqualTo(Vectors.hex(concat(msg(0), msg(2))));
        replayFrames(o.transport(), "initiator");
    }

    /** Our frames must equal the reference's; the peer's must decrypt to its commands. */
    private static void replayFrames(Transport t, String me) throws Exception {
        CommandCodec codec = CommandCodec.padded(geometry());
        int n = 0;
        for (JsonNode f : T.get("frames")) {
            byte[] cmd = Vectors.hex(f.get("command"));
            byte[] frame = Vectors.hex(f.get("frame"));
            if (f.get("from").asString().equals(me)) {
                assertThat(Vectors.hex(t.seal(cmd))).as("frame %d", n).isEqualTo(Vectors.hex(frame));
            } else {
                int len = t.openHeader(Arrays.copyOf(frame, Transport.HEADER_LENGTH));
                assertThat(len).isEqualTo(frame.length - Transport.HEADER_LENGTH);
                byte[] pt = t.openBody(Arrays.copyOfRange(frame, Transport.HEADER_LENGTH, frame.length));
                assertThat(Vectors.hex(pt)).isEqualTo(Vectors.hex(cmd));
                WireCommand c = codec.decode(pt, me.equals("initiator") ? CommandCodec.Direction.GATEWAY_TO_CLIENT
                        : CommandCodec.Direction.CLIENT_TO_GATEWAY);
                if (n == 0) {
                    assertThat(c).isEqualTo(NoOp.INSTANCE);
                }
            }
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(8);
    }

    @Test
    void initiatorRefusesAGatewayWithTheWrongLinkKeyBeforeSendingMessage3() {
        ScriptedKem kem = new ScriptedKem(T, "initiator");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] wrongLink = Vectors.hex(T.get("initiatorStaticPublicKey"));
        assertThatThrownBy(() -> WireHandshake.initiate(new ByteArrayInputStream(concat(msg(1), msg(3))), out, kem,
                kem.local(Vectors.hex(T.get("initiatorStaticPublicKey"))), new byte[32],
                PeerAuthenticator.gateway(wrongLink, Vectors.hex(T.get("responderIdentityKey"))),
                Clock.systemUTC(), MAX_FRAME))
                .isInstanceOf(PeerAuthenticationException.class)
                .hasMessageContaining("link key");
        assertThat(out.toByteArray()).hasSize(msg(0).length); // only message 1 went out
    }

    @Test
    void initiatorRefusesAGatewayWithTheWrongIdentity() {
        ScriptedKem kem = new ScriptedKem(T, "initiator");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> WireHandshake.initiate(new ByteArrayInputStream(concat(msg(1), msg(3))), out, kem,
                kem.local(Vectors.hex(T.get("initiatorStaticPublicKey"))), new byte[32],
                PeerAuthenticator.gateway(Vectors.hex(T.get("responderStaticPublicKey")), new byte[32]),
                Clock.systemUTC(), MAX_FRAME))
                .isInstanceOf(PeerAuthenticationException.class)
                .hasMessageContaining("identity");
    }

    @Test
    void everyFlippedByteOfMessage2IsAHandshakeError() {
        byte[] m2 = msg(1);
        // ciphertext (clear) bytes change the mixed hash and the KEM secret; encrypted parts fail AEAD
        for (int pos : new int[] {0, 500, 1119, 1120, 1500, 2351, 2352, 2500, m2.length - 1}) {
            byte[] bad = m2.clone();
            bad[pos] ^= 0x01;
            ScriptedKem kem = new ScriptedKem(T, "initiator");
            assertThatThrownBy(() -> WireHandshake.initiate(new ByteArrayInputStream(concat(bad, msg(3))),
                    new ByteArrayOutputStream(), kem, kem.local(Vectors.hex(T.get("initiatorStaticPublicKey"))),
                    new byte[32], PeerAuthenticator.acceptAll(), Clock.systemUTC(), MAX_FRAME))
                    .as("flip at %d", pos)
                    .isInstanceOf(HandshakeException.class)
                    .satisfies(e -> assertThat(((WireException) e).kind()).isEqualTo(WireException.Kind.HANDSHAKE));
        }
    }

    @Test
    void responderRejectsAWrongPrologue() {
        byte[] m1 = msg(0).clone();
        m1[0] = 0x02;
        ScriptedKem kem = new ScriptedKem(T, "responder");
        assertThatThrownBy(() -> WireHandshake.respond(new ByteArrayInputStream(m1), new ByteArrayOutputStream(), kem,
                kem.local(Vectors.hex(T.get("responderStaticPublicKey"))), new byte[32], 0,
                PeerAuthenticator.acceptAll(), MAX_FRAME))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("version");
    }

    @Test
    void truncatedMessagesAndEofAreTypedErrors() {
        for (int cut : new int[] {0, 1, 1000, msg(1).length - 1, msg(1).length, msg(1).length + 10}) {
            byte[] in = Arrays.copyOf(concat(msg(1), msg(3)), cut);
            ScriptedKem kem = new ScriptedKem(T, "initiator");
            assertThatThrownBy(() -> WireHandshake.initiate(new ByteArrayInputStream(in), new ByteArrayOutputStream(),
                    kem, kem.local(Vectors.hex(T.get("initiatorStaticPublicKey"))), new byte[32],
                    PeerAuthenticator.acceptAll(), Clock.systemUTC(), MAX_FRAME))
                    .as("cut at %d", cut)
                    .isInstanceOf(HandshakeException.class);
        }
        // EOF instead of message 4 means the gateway refused us
        ScriptedKem kem = new ScriptedKem(T, "initiator");
        assertThatThrownBy(() -> WireHandshake.initiate(new ByteArrayInputStream(msg(1)), new ByteArrayOutputStream(),
                kem, kem.local(Vectors.hex(T.get("initiatorStaticPublicKey"))), new byte[32],
                PeerAuthenticator.acceptAll(), Clock.systemUTC(), MAX_FRAME))
                .isInstanceOf(HandshakeException.class)
                .satisfies(e -> assertThat(((WireException) e).kind()).isEqualTo(WireException.Kind.REJECTED_BY_PEER));
    }
}
