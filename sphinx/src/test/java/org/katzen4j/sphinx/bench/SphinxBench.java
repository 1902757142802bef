package org.katzen4j.sphinx.bench;

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
 * Client-side Sphinx costs at the docker test network geometry (x25519, NrHops 5,
 * UserForwardPayloadLength 2000) and its XWING KEM counterpart: forward packet creation (5 hops,
 * payload with a SURB), SURB creation (4 hops), reply decryption (5 AEZ layers), one hop's unwrap.
 * The Go side of the same operations: {@code interop/bin/oracle bench sphinx/...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SphinxBench {

    @Param({"x25519", "XWING"})
    public String scheme;

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
        Geometry g = scheme.equals("x25519") ? Geometry.nike("x25519", 2000, 5) : Geometry.kem("XWING", 2000, 5);
        sphinx = Sphinx.forGeometry(g);
        List<byte[]> privs = new ArrayList<>();
        forward = path(g, 5, false, privs);
        reverse = path(g, 4, true, new ArrayList<>());
        Surb surb = sphinx.newSurb(rng, reverse);
        payload = ForwardPayload.withSurb(g, surb.bytes(), new byte[2000]);
        packet = sphinx.newPacket(rng, forward, payload);
        firstHopKey = privs.get(0);
        // a reply block as the gateway returns it
        List<byte[]> rprivs = new ArrayList<>();
        List<PathHop> rp = path(g, 4, true, rprivs);
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

    private List<PathHop> path(Geometry g, int n, boolean surb, List<byte[]> privs) throws Exception {
        List<PathHop> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[32];
            rng.nextBytes(id);
            byte[] pub;
            if (g.isNike()) {
                byte[] k = X25519Nike.instance().generatePrivateKey(rng);
                privs.add(k);
                pub = X25519Nike.instance().publicKey(k);
            } else {
                var k = org.katzen4j.crypto.Schemes.kem(g.kemName()).generate(rng);
                privs.add(k.encoded());
                pub = k.publicKey().encoded();
            }
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

    @Benchmark
    public byte[] newPacket() throws Exception {
        return sphinx.newPacket(rng, forward, payload);
    }

    @Benchmark
    public Surb newSurb() throws Exception {
        return sphinx.newSurb(rng, reverse);
    }

    @Benchmark
    public byte[] decryptSurbPayload() throws Exception {
        return sphinx.decryptSurbPayload(replyBlock, keys);
    }

    @Benchmark
    public UnwrapResult unwrapOneHop() throws Exception {
        return sphinx.unwrap(firstHopKey, packet);
    }
}
