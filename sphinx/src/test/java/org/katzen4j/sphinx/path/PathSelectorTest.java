package org.katzen4j.sphinx.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.katzen4j.sphinx.ForwardPayload;
import org.katzen4j.sphinx.PathHop;
import org.katzen4j.sphinx.Sphinx;
import org.katzen4j.sphinx.SphinxException;
import org.katzen4j.sphinx.Surb;
import org.katzen4j.sphinx.SurbId;
import org.katzen4j.sphinx.TestRandoms;
import org.katzen4j.sphinx.UnwrapResult;
import org.katzen4j.sphinx.X25519Nike;
import org.katzen4j.sphinx.commands.NodeDelay;
import org.katzen4j.sphinx.commands.Recipient;
import org.katzen4j.sphinx.commands.SurbReply;
import org.katzen4j.sphinx.geo.Geometry;

class PathSelectorTest {
    /** 2017-06-01T00:00:00Z, the start of epoch 0. */
    static final long EPOCH_START = 1_496_275_200L;
    /** 20-minute epochs, as the reference counts them (the real implementation is pki's EpochTime). */
    static final EpochClock CLOCK = t -> Math.floorDiv(t - EPOCH_START, Duration.ofMinutes(20).toSeconds());

    /** A node with x25519 mix keys for some epochs; private keys kept for unwrapping. */
    static final class Node implements PathNode {
        final byte[] id = new byte[32];
        final Map<Long, byte[]> priv = new HashMap<>();
        final Map<Long, byte[]> pub = new HashMap<>();

        Node(SecureRandom rng, long... epochs) throws SphinxException {
            rng.nextBytes(id);
            for (long e : epochs) {
                byte[] k = X25519Nike.instance().generatePrivateKey(rng);
                priv.put(e, k);
                pub.put(e, X25519Nike.instance().publicKey(k));
            }
        }

        @Override
        public byte[] idHash() {
            return id.clone();
        }

        @Override
        public Optional<byte[]> mixKey(long epoch) {
            return Optional.ofNullable(pub.get(epoch)).map(byte[]::clone);
        }
    }

    static List<List<Node>> layers(SecureRandom rng, int nLayers, int perLayer, long... epochs) throws Exception {
        List<List<Node>> out = new ArrayList<>();
        for (int l = 0; l < nLayers; l++) {
            List<Node> layer = new ArrayList<>();
            for (int i = 0; i < perLayer; i++) {
                layer.add(new Node(rng, epochs));
            }
            out.add(layer);
        }
        return out;
    }

    static Node byId(List<Node> all, byte[] id) {
        return all.stream().filter(n -> java.util.Arrays.equals(n.id, id)).findFirst().orElseThrow();
    }

    @Test
    void forwardAndReverseShapesAndEndToEnd() throws Exception {
        SecureRandom rng = TestRandoms.detRand("path-test");
        long epoch = 5000;
        long base = (EPOCH_START + epoch * 1200 + 10) * 1000;
        List<List<Node>> layers = layers(rng, 3, 3, epoch, epoch + 1);
        Node gw = new Node(rng, epoch, epoch + 1);
        Node svc = new Node(rng, epoch, epoch + 1);
        PathSelector sel = new PathSelector(() -> layers, new DelayPolicy(0.005, 1000), CLOCK, rng);
        SurbId sid = SurbId.random(rng);

        SelectedPath fwd = sel.forward(gw, svc, "+echo".getBytes(), Optional.of(sid), base);
        assertThat(fwd.hops()).hasSize(5);
        assertThat(fwd.hops().get(0).id()).isEqualTo(gw.id);
        assertThat(fwd.hops().get(4).id()).isEqualTo(svc.id);
        for (int i = 0; i < 3; i++) {
            byte[] id = fwd.hops().get(i + 1).id();
            assertThat(layers.get(i).stream().anyMatch(n -> java.util.Arrays.equals(n.id, id))).isTrue();
        }
        long sum = 0;
        for (int i = 0; i < 5; i++) {
            PathHop h = fwd.hops().get(i);
            assertThat(h.commands().get(0)).isInstanceOf(NodeDelay.class);
            sum += ((NodeDelay) h.commands().get(0)).delayMillis();
        }
        assertThat(fwd.hops().get(4).commands()).endsWith(Recipient.padded("+echo"));
        assertThat(fwd.totalDelayMillis()).isEqualTo(sum);

        SelectedPath rev = sel.reverse(gw, "queue".getBytes(), sid, fwd.endTimeMillis());
        assertThat(rev.hops()).hasSize(4);
        assertThat(rev.hops().get(3).id()).isEqualTo(gw.id);
        assertThat(rev.hops().get(3).commands()).containsExactly(Recipient.padded("queue"), new SurbReply(sid.bytes()));
        assertThat(rev.hops().get(0).commands().get(0)).isInstanceOf(NodeDelay.class);

        // no SURB: the terminal forward hop has no delay
        SelectedPath plain = sel.forward(gw, svc, "+echo".getBytes(), Optional.empty(), base);
        assertThat(plain.hops().get(4).commands()).containsExactly(Recipient.padded("+echo"));

        // the selected keys work: a packet along the forward path unwraps at each chosen node
        Geometry g = Geometry.nike("x25519", 2000, 5);
        Sphinx s = Sphinx.nike(g, X25519Nike.instance());
        List<Node> all = new ArrayList<>();
        layers.forEach(all::addAll);
        all.add(gw);
        all.add(svc);
        try (Surb surb = s.newSurb(rng, rev.hops())) {
            byte[] payload = ForwardPayload.withSurb(g, surb.bytes(), "hi".getBytes());
            byte[] pkt = s.newPacket(rng, fwd.hops(), payload);
            long t = base;
            for (int i = 0; i < 5; i++) {
                Node n = byId(all, fwd.hops().get(i).id());
                long e = CLOCK.epochOf(t / 1000);
                UnwrapResult r = s.unwrap(n.priv.get(e), pkt);
                t += ((NodeDelay) r.commands().get(0)).delayMillis();
                if (i < 4) {
                    pkt = r.nextPacket().orElseThrow();
                } else {
                    assertThat(r.payload().orElseThrow()).isEqualTo(payload);
                }
            }
        }
    }

    @Test
    void keysFollowTheArrivalEpoch() throws Exception {
        SecureRandom rng = TestRandoms.detRand("path-epochs");
        long epoch = 7000;
        // leave 1 ms before the boundary: every hop after the first delay lands in the next epoch
        long base = (EPOCH_START + (epoch + 1) * 1200) * 1000 - 1;
        List<List<Node>> layers = layers(rng, 2, 1, epoch, epoch + 1);
        Node gw = new Node(rng, epoch, epoch + 1);
        Node svc = new Node(rng, epoch, epoch + 1);
        PathSelector sel = new PathSelector(() -> layers, new DelayPolicy(0.005, 1000), CLOCK, rng);
        SelectedPath p = sel.forward(gw, svc, new byte[0], Optional.empty(), base);
        assertThat(p.hops().get(0).publicKey()).isEqualTo(gw.pub.get(epoch));
        assertThat(p.hops().get(1).publicKey()).isEqualTo(layers.get(0).get(0).pub.get(epoch + 1));
        assertThat(p.hops().get(3).publicKey()).isEqualTo(svc.pub.get(epoch + 1));
    }

    @Test
    void retriesThenGivesUpWhenKeysAreMissing() throws Exception {
        SecureRandom rng = TestRandoms.detRand("path-missing");
        long epoch = 100;
        long base = (EPOCH_START + epoch * 1200 + 600) * 1000;
        List<List<Node>> layers = layers(rng, 1, 2, epoch);
        layers.get(0).add(new Node(rng)); // a node without keys
        Node gw = new Node(rng, epoch);
        Node svc = new Node(rng, epoch);
        PathSelector sel = new PathSelector(() -> layers, new DelayPolicy(0.005, 1000), CLOCK, rng);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            SelectedPath p = sel.forward(gw, svc, new byte[0], Optional.empty(), base);
            seen.add(java.util.HexFormat.of().formatHex(p.hops().get(1).id()));
        }
        assertThat(seen).hasSize(2); // never the keyless node
        Node svcNoKey = new Node(rng);
        assertThatThrownBy(() -> sel.forward(gw, svcNoKey, new byte[0], Optional.empty(), base))
                .isInstanceOf(SphinxException.class).hasMessageContaining("max path selection attempts");
        assertThatThrownBy(() -> new PathSelector(() -> List.of(List.of()), new DelayPolicy(1, 0), CLOCK, rng)
                .forward(gw, svc, new byte[0], Optional.empty(), base)).hasMessageContaining("layer 0 has no nodes");
        assertThatThrownBy(() -> sel.forward(gw, svc, new byte[33], Optional.empty(), base))
                .isInstanceOf(SphinxException.class);
    }

    @Test
    void delayDistribution() {
        java.util.Random r = new java.util.Random(42);
        DelayPolicy p = new DelayPolicy(0.005, 0);
        double sum = 0;
        int n = 200_000;
        long min = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            long d = p.sample(r);
            min = Math.min(min, d);
            sum += d;
        }
        // floor(Exp(mean 200)) + 1 has mean ~ 200.5
        assertThat(sum / n).isBetween(198.5, 202.5);
        assertThat(min).isEqualTo(1);
        DelayPolicy capped = new DelayPolicy(0.005, 100);
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            max = Math.max(max, capped.sample(r));
        }
        assertThat(max).isEqualTo(100);
        assertThatThrownBy(() -> new DelayPolicy(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
