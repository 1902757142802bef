package org.katzen4j.sphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.katzen4j.crypto.KemPrivateKey;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.sphinx.SphinxException.Kind;
import org.katzen4j.sphinx.commands.NodeDelay;
import org.katzen4j.sphinx.commands.Recipient;
import org.katzen4j.sphinx.commands.RoutingCommand;
import org.katzen4j.sphinx.commands.SurbReply;
import org.katzen4j.sphinx.commands.UnknownCommandException;
import org.katzen4j.sphinx.geo.Geometry;
import org.katzen4j.sphinx.internal.SphinxCrypto;

/**
 * Seeded random geometries, hop counts and payloads: create → unwrap round trips for forward
 * packets and SURB replies; any single flipped header bit is rejected by the hop that sees it,
 * any flipped payload bit at the end of the path; malformed inputs give typed errors only.
 */
class SphinxPropertyTest {
    private static final long SEED = 0x5eed_5417_0001L;

    record Node(byte[] id, byte[] priv, byte[] pub) {
    }

    static List<Node> nodes(Geometry g, SecureRandom rng, int n) throws Exception {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[32];
            rng.nextBytes(id);
            if (g.isNike()) {
                SphinxNike nk = g.nikeName().equals("x448") ? X448Nike.instance() : X25519Nike.instance();
                byte[] priv = nk.generatePrivateKey(rng);
                out.add(new Node(id, priv, nk.publicKey(priv)));
            } else {
                try (KemPrivateKey k = Schemes.kem(g.kemName()).generate(rng)) {
                    out.add(new Node(id, k.encoded(), k.publicKey().encoded()));
                }
            }
        }
        return out;
    }

    static List<PathHop> path(List<Node> nodes, Random r, byte[] surbId) {
        List<PathHop> p = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            List<RoutingCommand> c = new ArrayList<>();
            boolean last = i == nodes.size() - 1;
            if (!last || r.nextBoolean()) {
                c.add(new NodeDelay(r.nextInt() & 0xffffffffL));
            }
            if (last) {
                byte[] rcpt = new byte[r.nextInt(33)];
                r.nextBytes(rcpt);
                c.add(Recipient.padded(rcpt));
                if (surbId != null) {
                    c.add(new SurbReply(surbId));
                }
            }
            p.add(new PathHop(nodes.get(i).id, nodes.get(i).pub, c));
        }
        return p;
    }

    static Geometry randomGeometry(Random r, boolean kem) {
        int ufpl = r.nextInt(3000);
        int hops = 1 + r.nextInt(kem ? 5 : 8);
        return kem ? Geometry.kem(r.nextBoolean() ? "XWING" : "MLKEM768", ufpl, hops)
                : Geometry.nike(r.nextInt(4) == 0 ? "x448" : "x25519", ufpl, hops);
    }

    /** Runs a packet through the path; returns the last hop's result. */
    static UnwrapResult chain(Sphinx s, List<Node> nodes, byte[] pkt) throws SphinxException {
        UnwrapResult r = null;
        for (int i = 0; i < nodes.size(); i++) {
            r = s.unwrap(nodes.get(i).priv, pkt);
            assertThat(r.isTerminal()).isEqualTo(i == nodes.size() - 1);
            if (!r.isTerminal()) {
                assertThat(r.nextHop().orElseThrow().id()).isEqualTo(nodes.get(i + 1).id);
                pkt = r.nextPacket().orElseThrow();
                assertThat(pkt).hasSize(s.geometry().packetLength());
            }
        }
        return r;
    }

    @Test
    void roundTrips() throws Exception {
        Random r = new Random(SEED);
        SecureRandom rng = TestRandoms.detRand("property/" + SEED);
        for (int iter = 0; iter < 40; iter++) {
            boolean kem = iter % 5 == 4;
            Geometry g = randomGeometry(r, kem);
            g.validate();
            Sphinx s = Sphinx.forGeometry(g);
            int hops = 1 + r.nextInt(g.nrHops());
            String what = g.schemeName() + " NrHops " + g.nrHops() + " ufpl " + g.userForwardPayloadLength()
                    + " path " + hops;
            // forward
            List<Node> fn = nodes(g, rng, hops);
            List<PathHop> fp = path(fn, r, null);
            byte[] payload = new byte[g.forwardPayloadLength()];
            r.nextBytes(payload);
            byte[] pkt = s.newPacket(rng, fp, payload);
            assertThat(pkt).as(what).hasSize(g.packetLength());
            UnwrapResult last = chain(s, fn, pkt);
            assertThat(last.payload().orElseThrow()).as(what).isEqualTo(payload);
            assertThat(SphinxCases.encoded(last.commands())).as(what)
                    .isEqualTo(SphinxCases.encoded(fp.get(hops - 1).commands()));
            // SURB reply
            byte[] sid = new byte[16];
            r.nextBytes(sid);
            List<Node> rn = nodes(g, rng, hops);
            try (Surb surb = s.newSurb(rng, path(rn, r, sid))) {
                assertThat(surb.bytes()).as(what).hasSize(g.surbLength());
                assertThat(surb.keys().layers()).isEqualTo(hops + 1);
                byte[] reply = new byte[r.nextInt(g.forwardPayloadLength() + 1)];
                r.nextBytes(reply);
                ReplyPacket rp = s.newPacketFromSurb(surb.bytes(), reply);
                assertThat(rp.firstHop()).isEqualTo(rn.get(0).id);
                UnwrapResult end = chain(s, rn, rp.packet());
                assertThat(end.surbReply().orElseThrow().id()).isEqualTo(sid);
                byte[] block = end.payload().orElseThrow();
                assertThat(block).hasSize(g.payloadBlockLength());
                byte[] plain = s.decryptSurbPayload(block, surb.keys());
                assertThat(Arrays.copyOf(plain, reply.length)).as(what).isEqualTo(reply);
                assertThat(SphinxCrypto.isZeroConstantTime(plain, reply.length, plain.length - reply.length)).isTrue();
            }
        }
    }

    @Test
    void flippedBitsAreRejectedWhereSeen() throws Exception {
        Random r = new Random(SEED + 1);
        SecureRandom rng = TestRandoms.detRand("property-flip/" + SEED);
        int flips = 0;
        for (int iter = 0; iter < 12; iter++) {
            Geometry g = randomGeometry(r, iter % 4 == 3);
            Sphinx s = Sphinx.forGeometry(g);
            int hops = 1 + r.nextInt(g.nrHops());
            List<Node> nodes = nodes(g, rng, hops);
            byte[] payload = new byte[g.forwardPayloadLength()];
            r.nextBytes(payload);
            byte[] pkt = s.newPacket(rng, path(nodes, r, null), payload);
            // the packet as each hop receives it
            List<byte[]> seen = new ArrayList<>();
            byte[] p = pkt;
            for (int i = 0; i < hops; i++) {
                seen.add(p);
                UnwrapResult u = s.unwrap(nodes.get(i).priv, p);
                p = u.nextPacket().orElse(null);
            }
            for (int k = 0; k < 10; k++, flips++) {
                int hop = r.nextInt(hops);
                byte[] bad = seen.get(hop).clone();
                boolean inHeader = r.nextBoolean();
                int bit = inHeader ? r.nextInt(g.headerLength() * 8)
                        : g.headerLength() * 8 + r.nextInt((g.packetLength() - g.headerLength()) * 8);
                bad[bit / 8] ^= (byte) (1 << (bit % 8));
                String what = g.schemeName() + " hop " + hop + "/" + hops + " bit " + bit;
                if (inHeader) {
                    // the hop that receives the modified header refuses it
                    assertThatThrownBy(() -> s.unwrap(nodes.get(hop).priv, bad)).as(what)
                            .isInstanceOfSatisfying(SphinxException.class, e -> assertThat(e.kind())
                                    .isIn(Kind.MAC_MISMATCH, Kind.BAD_VERSION, Kind.BAD_KEY));
                } else {
                    // the payload is only authenticated at the end: the terminal hop refuses it
                    byte[] q = bad;
                    for (int i = hop; i < hops - 1; i++) {
                        q = s.unwrap(nodes.get(i).priv, q).nextPacket().orElseThrow();
                    }
                    byte[] fq = q;
                    assertThatThrownBy(() -> s.unwrap(nodes.get(hops - 1).priv, fq)).as(what)
                            .isInstanceOfSatisfying(SphinxException.class,
                                    e -> assertThat(e.kind()).isEqualTo(Kind.PAYLOAD_AUTH_FAILED));
                }
            }
        }
        assertThat(flips).isEqualTo(120);
    }

    @Test
    void flippedReplyBitsFailDecryption() throws Exception {
        Random r = new Random(SEED + 2);
        SecureRandom rng = TestRandoms.detRand("property-reply/" + SEED);
        Geometry g = Geometry.nike("x25519", 2000, 5);
        Sphinx s = Sphinx.forGeometry(g);
        List<Node> nodes = nodes(g, rng, 4);
        byte[] sid = new byte[16];
        try (Surb surb = s.newSurb(rng, path(nodes, r, sid))) {
            UnwrapResult end = chain(s, nodes, s.newPacketFromSurb(surb.bytes(), new byte[10]).packet());
            byte[] block = end.payload().orElseThrow();
            for (int k = 0; k < 20; k++) {
                byte[] bad = block.clone();
                int bit = r.nextInt(bad.length * 8);
                bad[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThatThrownBy(() -> s.decryptSurbPayload(bad, surb.keys()))
                        .isInstanceOfSatisfying(SphinxException.class,
                                e -> assertThat(e.kind()).isEqualTo(Kind.PAYLOAD_AUTH_FAILED));
            }
        }
    }

    @Test
    void typedErrorsForBadInput() throws Exception {
        SecureRandom rng = TestRandoms.detRand("property-errors");
        Geometry g = Geometry.nike("x25519", 2000, 3);
        Sphinx s = Sphinx.forGeometry(g);
        List<Node> nodes = nodes(g, rng, 3);
        byte[] priv = nodes.get(0).priv;
        List<PathHop> p = path(nodes, new Random(1), null);
        byte[] pkt = s.newPacket(rng, p, new byte[g.forwardPayloadLength()]);

        assertKind(() -> s.unwrap(priv, Arrays.copyOf(pkt, pkt.length - 1)), Kind.BAD_LENGTH);
        assertKind(() -> s.unwrap(priv, Arrays.copyOf(pkt, pkt.length + 1)), Kind.BAD_LENGTH);
        assertKind(() -> s.unwrapAnyPayloadLength(priv, Arrays.copyOf(pkt, g.headerLength() - 1)), Kind.BAD_LENGTH);
        // the payload is not authenticated by a forwarding hop: a short one is forwarded as is
        assertThat(s.unwrapAnyPayloadLength(priv, Arrays.copyOf(pkt, g.headerLength() + 5)).nextPacket().orElseThrow())
                .hasSize(g.headerLength() + 5);
        assertKind(() -> s.unwrap(nodes.get(1).priv, pkt), Kind.MAC_MISMATCH);
        byte[] lowOrder = pkt.clone();
        Arrays.fill(lowOrder, 2, 34, (byte) 0);
        assertKind(() -> s.unwrap(priv, lowOrder), Kind.BAD_KEY);
        assertKind(() -> s.unwrap(new byte[31], pkt), Kind.BAD_KEY);
        assertKind(() -> s.newPacket(rng, p, new byte[g.forwardPayloadLength() + 1]), Kind.BAD_LENGTH);
        assertKind(() -> s.newPacket(rng, List.of(), new byte[g.forwardPayloadLength()]), Kind.INVALID_PATH);
        List<PathHop> tooLong = new ArrayList<>(p);
        tooLong.add(0, p.get(0));
        assertKind(() -> s.newPacket(rng, tooLong, new byte[g.forwardPayloadLength()]), Kind.INVALID_PATH);
        List<PathHop> crowded = List.of(new PathHop(nodes.get(0).id, nodes.get(0).pub,
                List.of(Recipient.padded("a"), new NodeDelay(1))), p.get(1));
        assertKind(() -> s.newPacket(rng, crowded, new byte[g.forwardPayloadLength()]), Kind.INVALID_PATH);
        assertKind(() -> s.newPacketFromSurb(new byte[g.surbLength() - 1], new byte[0]), Kind.BAD_LENGTH);
        assertKind(() -> s.newPacketFromSurb(new byte[g.surbLength()], new byte[g.forwardPayloadLength() + 1]),
                Kind.BAD_LENGTH);
        assertKind(() -> SurbKeys.fromBytes(new byte[65]), Kind.BAD_LENGTH);
        assertKind(() -> s.decryptSurbPayload(new byte[31], SurbKeys.fromBytes(new byte[64])), Kind.BAD_LENGTH);
        assertKind(() -> ForwardPayload.withSurb(g, new byte[3], new byte[0]), Kind.BAD_LENGTH);
        assertKind(() -> ForwardPayload.withoutSurb(g, new byte[2001]), Kind.BAD_LENGTH);

        // an unknown command byte inside an authentic header: re-MAC a header whose first command
        // byte decrypts to 0x42 (we know the hop key, so we can forge the MAC)
        byte[] forged = pkt.clone();
        byte[] ss = X25519Nike.instance().sharedSecret(priv, Arrays.copyOfRange(pkt, 2, 34));
        try (var keys = SphinxCrypto.kdf(ss)) {
            int riOff = 34;
            forged[riOff] ^= (byte) (0x80 ^ 0x42); // NodeDelay type byte -> 0x42
            int macOff = riOff + g.routingInfoLength();
            byte[] mac = SphinxCrypto.mac(keys.headerMac, forged, 0, macOff);
            System.arraycopy(mac, 0, forged, macOff, 32);
        }
        assertThatThrownBy(() -> s.unwrap(priv, forged)).isInstanceOfSatisfying(SphinxException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.BAD_COMMAND);
            assertThat(e.getCause()).isInstanceOf(UnknownCommandException.class);
        });
    }

    @Test
    void garbageNeverEscapesAsUncheckedException() throws Exception {
        Random r = new Random(SEED + 3);
        for (Geometry g : List.of(Geometry.nike("x25519", 500, 4), Geometry.kem("XWING", 100, 2))) {
            Sphinx s = Sphinx.forGeometry(g);
            SecureRandom rng = TestRandoms.detRand("garbage/" + g.schemeName());
            byte[] priv = nodes(g, rng, 1).get(0).priv;
            for (int i = 0; i < (g.isKem() ? 20 : 200); i++) {
                byte[] junk = new byte[r.nextInt(4) == 0 ? r.nextInt(g.packetLength() + 10) : g.packetLength()];
                r.nextBytes(junk);
                if (r.nextBoolean() && junk.length >= 2) {
                    junk[0] = 0;
                    junk[1] = 0;
                }
                try {
                    s.unwrap(priv, junk);
                    fail("random bytes unwrapped");
                } catch (SphinxException expected) {
                    // typed
                }
                byte[] keys = new byte[64 * (1 + r.nextInt(4))];
                r.nextBytes(keys);
                try {
                    s.decryptSurbPayload(junk, SurbKeys.fromBytes(keys));
                    fail("random reply decrypted");
                } catch (SphinxException expected) {
                    // typed
                }
            }
        }
    }

    interface Call {
        void run() throws Exception;
    }

    static void assertKind(Call c, Kind kind) {
        assertThatThrownBy(c::run).isInstanceOfSatisfying(SphinxException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }
}
