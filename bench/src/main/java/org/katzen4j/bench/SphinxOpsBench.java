package org.katzen4j.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.katzen4j.sphinx.ForwardPayload;
import org.katzen4j.sphinx.PathHop;
import org.katzen4j.sphinx.Sphinx;
import org.katzen4j.sphinx.Surb;
import org.katzen4j.sphinx.SurbKeys;
import org.katzen4j.sphinx.UnwrapResult;
import org.katzen4j.sphinx.X25519Nike;
import org.katzen4j.sphinx.commands.NodeDelay;
import org.katzen4j.sphinx.commands.Recipient;
import org.katzen4j.sphinx.commands.RoutingCommand;
import org.katzen4j.sphinx.commands.SurbReply;
import org.katzen4j.sphinx.geo.Geometry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Client Sphinx costs at the docker test geometry (x25519, NrHops 5, UserForwardPayloadLength 2000),
 * matched by {@code sphinx/*-x25519} in {@code interop/oracle/sphinx_bench.go}: packet creation
 * (payload carrying a SURB), SURB creation (4 hops), reply decryption (5 AEZ layers), one mix hop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SphinxOpsBench {
    private Sphinx sphinx;
    private List<PathHop> forward;
    private List<PathHop> reverse;
    private byte[] payload;
    private byte[] replyBlock;
    private SurbKeys keys;
    private byte[] packet;
    private byte[] firstHopKey;
    private SecureRandom rng;

    @Setup
    public void setup() throws Exception {
        rng = new SecureRandom();
        Geometry g = Geometry.nike("x25519", 2000, 5);
        sphinx = Sphinx.forGeometry(g);
        List<byte[]> privs = new ArrayList<>();
        forward = path(rng, 5, false, privs);
        reverse = path(rng, 4, true, new ArrayList<>());
        Surb surb = sphinx.newSurb(rng, reverse);
        payload = ForwardPayload.withSurb(g, surb.bytes(), new byte[2000]);
        packet = sphinx.newPacket(rng, forward, payload);
        firstHopKey = privs.get(0);
        List<byte[]> rprivs = new ArrayList<>();
        List<PathHop> rp = path(rng, 4, true, rprivs);
        Surb s2 = sphinx.newSurb(rng, rp);
        byte[] p = sphinx.newPacketFromSurb(s2.bytes(), new byte[100]).packet();
        UnwrapResult r = null;
        for (byte[] k : rprivs) {
            r = sphinx.unwrap(k, p);
            p = r.nextPacket().orElse(null);
        }
        replyBlock = r.payload().orElseThrow();
        keys = s2.keys();
    }

    static List<PathHop> path(SecureRandom rng, int n, boolean surb, List<byte[]> privs) throws Exception {
        List<PathHop> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[32];
            rng.nextBytes(id);
            byte[] k = X25519Nike.instance().generatePrivateKey(rng);
            privs.add(k);
            byte[] pub = X25519Nike.instance().publicKey(k);
            List<RoutingCommand> cmds = new ArrayList<>();
            if (i < n - 1 || !surb) {
                cmds.add(new NodeDelay(100));
            }
            if (i == n - 1) {
                cmds.add(Recipient.padded("+echo"));
                if (surb) {
                    cmds.add(new SurbReply(new byte[16]));
                }
            }
            out.add(new PathHop(id, pub, cmds));
        }
        return out;
    }

    /** sphinx/new-packet-x25519 */
    @Benchmark
    public byte[] newPacket() throws Exception {
        return sphinx.newPacket(rng, forward, payload);
    }

    /** sphinx/new-surb-x25519 */
    @Benchmark
    public Surb newSurb() throws Exception {
        return sphinx.newSurb(rng, reverse);
    }

    /** sphinx/decrypt-surb-payload-x25519 */
    @Benchmark
    public byte[] decryptSurbPayload() throws Exception {
        return sphinx.decryptSurbPayload(replyBlock, keys);
    }

    /** sphinx/unwrap-one-hop-x25519 */
    @Benchmark
    public UnwrapResult unwrapOneHop() throws Exception {
        return sphinx.unwrap(firstHopKey, packet);
    }

    /** Packet creation against hop count and payload size; Go: bench/new-packet-h{hops}-p{payload}. */
    @State(Scope.Benchmark)
    public static class Growth {
        @Param({"2:2000", "5:2000", "8:2000", "5:8000", "5:32000"})
        public String shape;
        Sphinx sphinx;
        List<PathHop> path;
        byte[] payload;
        SecureRandom rng;

        @Setup
        public void setup() throws Exception {
            String[] p = shape.split(":");
            int hops = Integer.parseInt(p[0]);
            Geometry g = Geometry.nike("x25519", Integer.parseInt(p[1]), hops);
            sphinx = Sphinx.forGeometry(g);
            rng = new SecureRandom();
            path = path(rng, hops, false, new ArrayList<>());
            payload = new byte[g.forwardPayloadLength()];
        }
    }

    @Benchmark
    public byte[] newPacketGrowth(Growth s) throws Exception {
        return s.sphinx.newPacket(s.rng, s.path, s.payload);
    }
}
