package org.katzen4j.sphinx.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.katzen4j.sphinx.ForwardPayload;
import org.katzen4j.sphinx.PathHop;
import org.katzen4j.sphinx.ReplyPacket;
import org.katzen4j.sphinx.Sphinx;
import org.katzen4j.sphinx.SphinxException;
import org.katzen4j.sphinx.SurbId;
import org.katzen4j.sphinx.TestRandoms;
import org.katzen4j.sphinx.UnwrapResult;
import org.katzen4j.sphinx.commands.NodeDelay;
import org.katzen4j.sphinx.commands.Recipient;
import org.katzen4j.sphinx.geo.Geometry;
import org.katzen4j.sphinx.path.PathSelectorTest.Node;

class PacketComposerTest {

    /** Delivers along a selected path, using each node's key for the epoch the packet reaches it. */
    static UnwrapResult deliver(Sphinx s, List<Node> all, SelectedPath p, byte[] pkt) throws SphinxException {
        long t = p.baseTimeMillis();
        UnwrapResult r = null;
        for (PathHop h : p.hops()) {
            Node n = PathSelectorTest.byId(all, h.id());
            r = s.unwrap(n.priv.get(PathSelectorTest.CLOCK.epochOf(t / 1000)), pkt);
            for (var c : r.commands()) {
                if (c instanceof NodeDelay d) {
                    t += d.delayMillis();
                }
            }
            pkt = r.nextPacket().orElse(null);
        }
        return r;
    }

    @Test
    void messageWithSurbGoesThereAndTheReplyComesBack() throws Exception {
        SecureRandom rng = TestRandoms.detRand("composer");
        long epoch = 9000;
        long now = (PathSelectorTest.EPOCH_START + epoch * 1200 + 30) * 1000;
        List<List<Node>> layers = PathSelectorTest.layers(rng, 3, 2, epoch, epoch + 1);
        Node gw = new Node(rng, epoch, epoch + 1);
        Node svc = new Node(rng, epoch, epoch + 1);
        List<Node> all = new ArrayList<>();
        layers.forEach(all::addAll);
        all.add(gw);
        all.add(svc);
        Geometry g = Geometry.nike("x25519", 2000, 5);
        Sphinx s = Sphinx.forGeometry(g);
        PathSelector sel = new PathSelector(() -> layers, new DelayPolicy(0.005, 1000), PathSelectorTest.CLOCK, rng);
        PacketComposer composer = new PacketComposer(s, sel, rng, 2 * 20 * 60 * 1000L);
        SurbId sid = SurbId.random(rng);
        byte[] queue = "0123456789abcdef0123456789abcdef".getBytes();

        PacketComposer.Composed c = composer.compose(gw, svc, "+echo".getBytes(), "ping".getBytes(),
                Optional.of(sid), queue, now);
        assertThat(c.packet()).hasSize(g.packetLength());
        assertThat(c.firstHop()).isEqualTo(gw.id);
        assertThat(c.roundTripMillis()).isEqualTo(c.forward().totalDelayMillis() + c.reverse().orElseThrow().totalDelayMillis());

        UnwrapResult atService = deliver(s, all, c.forward(), c.packet());
        assertThat(atService.commands()).contains(Recipient.padded("+echo"));
        ForwardPayload.Parsed parsed = ForwardPayload.parse(g, atService.payload().orElseThrow());
        assertThat(Arrays.copyOf(parsed.userPayload(), 4)).isEqualTo("ping".getBytes());

        // the echo service answers on the SURB; the gateway returns the block; we decrypt
        ReplyPacket reply = s.newPacketFromSurb(parsed.surb().orElseThrow(), parsed.userPayload());
        assertThat(reply.firstHop()).isEqualTo(c.reverse().orElseThrow().hops().get(0).id());
        UnwrapResult atGateway = deliver(s, all, c.reverse().orElseThrow(), reply.packet());
        assertThat(atGateway.surbReply().orElseThrow().id()).isEqualTo(sid.bytes());
        assertThat(atGateway.commands()).contains(Recipient.padded(queue));
        byte[] plain = s.decryptSurbPayload(atGateway.payload().orElseThrow(), c.surbKeys().orElseThrow());
        assertThat(Arrays.copyOf(plain, 4)).isEqualTo("ping".getBytes());
        c.surbKeys().orElseThrow().close();

        // without a SURB: server-style framing 00 00 ‖ zeros(SURBLength) ‖ payload
        PacketComposer.Composed noSurb = composer.compose(gw, svc, "+echo".getBytes(), "x".getBytes(),
                Optional.empty(), queue, now);
        assertThat(noSurb.surbKeys()).isEmpty();
        ForwardPayload.Parsed p2 = ForwardPayload.parse(g, deliver(s, all, noSurb.forward(), noSurb.packet())
                .payload().orElseThrow());
        assertThat(p2.surb()).isEmpty();
        assertThat(p2.userPayload()[0]).isEqualTo((byte) 'x');

        assertThatThrownBy(() -> new PacketComposer(s, sel, rng, 2).compose(gw, svc, new byte[0], new byte[0],
                Optional.of(sid), queue, now)).isInstanceOf(SphinxException.class).hasMessageContaining("round trip");
        assertThatThrownBy(() -> composer.compose(gw, svc, new byte[0], new byte[2001], Optional.empty(), queue, now))
                .isInstanceOf(SphinxException.class).hasMessageContaining("too large");
    }
}
