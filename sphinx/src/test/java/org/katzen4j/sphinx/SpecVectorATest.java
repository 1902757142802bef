package org.katzen4j.sphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.katzen4j.sphinx.TestRandoms.det;
import static org.katzen4j.sphinx.TestRandoms.fixed;
import static org.katzen4j.sphinx.Vectors.hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.katzen4j.sphinx.commands.NodeDelay;
import org.katzen4j.sphinx.commands.Recipient;
import org.katzen4j.sphinx.commands.SurbReply;
import org.katzen4j.sphinx.geo.Geometry;
import org.katzen4j.sphinx.internal.SphinxCrypto;

/**
 * Vector A of sphinx-and-sending.md 9.5(b): fixed-seed SURB, forward packet, unwrap chain and reply,
 * x25519 / UserForwardPayloadLength 2000 / NrHops 3, as printed by the Go reference.
 */
class SpecVectorATest {
    private static final Geometry GEO = Geometry.nike("x25519", 2000, 3);
    private static final Sphinx SPHINX = Sphinx.nike(GEO, X25519Nike.instance());

    static byte[] priv(int i) {
        byte[] k = new byte[32];
        for (int j = 0; j < 32; j++) {
            k[j] = (byte) (i * 32 + j + 1);
        }
        return k;
    }

    static byte[] id(int i) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) (0xA0 + i));
        return b;
    }

    static byte[] pub(int i) throws SphinxException {
        return X25519Nike.instance().publicKey(priv(i));
    }

    static String h(byte[] b) {
        return hex(SphinxCrypto.hash(b, 0, b.length));
    }

    @Test
    void vectorA() throws Exception {
        assertThat(hex(pub(0))).isEqualTo("07a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c");
        byte[] surbId = new byte[16];
        for (int i = 0; i < 16; i++) {
            surbId[i] = (byte) (0x50 + i);
        }
        List<PathHop> rev = List.of(
                new PathHop(id(1), pub(1), List.of(new NodeDelay(400))),
                new PathHop(id(2), pub(2), List.of(Recipient.padded("clientqueue"), new SurbReply(surbId))));
        Surb surb = SPHINX.newSurb(fixed(det(0xBB, 64), det(0xDD, 32), det(0xCC, 82)), rev);
        assertThat(h(surb.bytes())).isEqualTo("0df3029a352cf725f3a09c214d9dd17225408a5dc487d294334c226677f46e81");
        assertThat(hex(surb.keys().toBytes())).startsWith("ee44b197bf85ba14c520b1d48bfa0033").hasSize(384);
        assertThat(surb.firstHop()).isEqualTo(id(1));

        byte[] fwd = ForwardPayload.withSurb(GEO, surb.bytes(), "hello katzen4j".getBytes(StandardCharsets.US_ASCII));
        assertThat(h(fwd)).isEqualTo("e4d8c64833c32eb35a2fc960ffd172210fc1e21a1e916302afc56fe876f89b07");

        List<PathHop> path = List.of(
                new PathHop(id(0), pub(0), List.of(new NodeDelay(100))),
                new PathHop(id(1), pub(1), List.of(new NodeDelay(200))),
                new PathHop(id(2), pub(2), List.of(new NodeDelay(300), Recipient.padded("testdest"))));
        byte[] pkt = SPHINX.newPacket(fixed(det(0xEE, 32)), path, fwd);
        assertThat(h(pkt)).isEqualTo("d392d89aaefbbf82f471bd874657e9641b50e26dc3a187a13ae6e6bedebb62f3");

        UnwrapResult r0 = SPHINX.unwrap(priv(0), pkt);
        assertThat(hex(r0.replayTag())).isEqualTo("912ef5a406af91704f12311e4d31e7f2ed00f586b2100d29f7a8349e406906b2");
        assertThat(h(r0.nextPacket().orElseThrow())).isEqualTo("ce45db8af26bcc48333a7c068ca3e06a0603529a30c178c92d7fc5ca8887b9f4");
        assertThat(r0.commands().get(0)).isEqualTo(new NodeDelay(100));
        assertThat(r0.nextHop().orElseThrow().id()).isEqualTo(id(1));
        UnwrapResult r1 = SPHINX.unwrap(priv(1), r0.nextPacket().orElseThrow());
        assertThat(h(r1.nextPacket().orElseThrow())).isEqualTo("6f8bbcc5bf91c179da7648f4b81a01675ac81f363704b2d6142a2a61b021fc95");
        UnwrapResult r2 = SPHINX.unwrap(priv(2), r1.nextPacket().orElseThrow());
        assertThat(hex(r2.replayTag())).isEqualTo("77fc70fbfbd8cc2e897e995e22588d5333ec18e6bb4d97dbc4b0f9aa3ab4c50c");
        assertThat(r2.isTerminal()).isTrue();
        assertThat(r2.commands()).containsExactly(new NodeDelay(300), Recipient.padded("testdest"));
        byte[] delivered = r2.payload().orElseThrow();
        assertThat(delivered).isEqualTo(fwd);

        // the service node replies on the SURB it found in the payload
        ForwardPayload.Parsed parsed = ForwardPayload.parse(GEO, delivered);
        byte[] reply = "reply from service".getBytes(StandardCharsets.US_ASCII);
        ReplyPacket rp = SPHINX.newPacketFromSurb(parsed.surb().orElseThrow(), reply);
        assertThat(h(rp.packet())).isEqualTo("4eb72a37f5985c779591ab35ee3ef906ac06b06c21bffc74b70c298b7443ad8a");
        assertThat(rp.firstHop()).isEqualTo(id(1));
        UnwrapResult s1 = SPHINX.unwrap(priv(1), rp.packet());
        UnwrapResult s2 = SPHINX.unwrap(priv(2), s1.nextPacket().orElseThrow());
        assertThat(s2.surbReply().orElseThrow().id()).isEqualTo(surbId);
        byte[] block = s2.payload().orElseThrow();
        assertThat(block).hasSize(2442);
        assertThat(h(block)).isEqualTo("3441eb202f6aff93f417b99331181e681916ddf9e1828bcdc418731dafd75395");
        byte[] plain = SPHINX.decryptSurbPayload(block, surb.keys());
        assertThat(Arrays.copyOf(plain, reply.length)).isEqualTo(reply);
        assertThat(SphinxCrypto.isZeroConstantTime(plain, reply.length, plain.length - reply.length)).isTrue();
        assertThat(plain).hasSize(GEO.forwardPayloadLength());
    }
}
