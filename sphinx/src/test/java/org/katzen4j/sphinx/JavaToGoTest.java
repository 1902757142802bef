package org.katzen4j.sphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.katzen4j.sphinx.Vectors.hex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.katzen4j.crypto.KemPrivateKey;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.sphinx.commands.NodeDelay;
import org.katzen4j.sphinx.commands.Recipient;
import org.katzen4j.sphinx.commands.RoutingCommand;
import org.katzen4j.sphinx.commands.SurbReply;
import org.katzen4j.sphinx.geo.Geometry;
import org.katzen4j.testsupport.GoOracle;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Java-made forward packets and SURBs, for NIKE (x25519) and KEM (XWING) geometries, at the local
 * test network's geometry (3 hops) and the docker one (5 hops): the Go reference unwraps them hop
 * by hop (oracle verifier {@code sphinx/unwrap}), and sends replies on Java's SURBs
 * ({@code sphinx-surb-reply}) that Java then decrypts with the keys it kept.
 */
class JavaToGoTest {
    private static final ObjectMapper M = new ObjectMapper();

    record Node(byte[] id, byte[] priv, byte[] pub) {
    }

    record Made(Sphinx sphinx, List<Node> nodes, ObjectNode json, SurbKeys keys) {
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

    static Sphinx sphinx(Geometry g) throws SphinxException {
        return Sphinx.forGeometry(g);
    }

    static ObjectNode caseJson(String name, Geometry g, String kind, List<Node> nodes, List<PathHop> path,
                               byte[] payload) {
        ObjectNode c = M.createObjectNode();
        c.put("name", name);
        ObjectNode geo = c.putObject("geometry");
        for (Map.Entry<String, Object> e : g.toMap().entrySet()) {
            if (e.getValue() instanceof Integer i) {
                geo.put(e.getKey(), i);
            } else {
                geo.put(e.getKey(), (String) e.getValue());
            }
        }
        c.put("kind", kind);
        ArrayNode ns = c.putArray("nodes");
        ArrayNode ps = c.putArray("path");
        for (int i = 0; i < nodes.size(); i++) {
            ns.addObject().put("id", hex(nodes.get(i).id)).put("privateKey", hex(nodes.get(i).priv))
                    .put("publicKey", hex(nodes.get(i).pub));
            ObjectNode h = ps.addObject().put("id", hex(path.get(i).id())).put("publicKey", hex(path.get(i).publicKey()));
            ArrayNode cmds = h.putArray("commands");
            path.get(i).commands().forEach(x -> cmds.add(hex(x.encode())));
        }
        c.put("payload", hex(payload));
        return c;
    }

    /** Unwraps in Java too, recording what Go must see. */
    static void recordChain(Sphinx s, List<Node> nodes, ObjectNode c, byte[] pkt) throws Exception {
        ArrayNode packets = c.putArray("packets");
        ArrayNode tags = c.putArray("replayTags");
        ArrayNode cmds = c.putArray("commands");
        for (int i = 0; i < nodes.size(); i++) {
            packets.add(hex(pkt));
            UnwrapResult r = s.unwrap(nodes.get(i).priv, pkt);
            tags.add(hex(r.replayTag()));
            ArrayNode hc = cmds.addArray();
            r.commands().forEach(x -> hc.add(hex(x.encode())));
            if (i < nodes.size() - 1) {
                pkt = r.nextPacket().orElseThrow();
            } else {
                c.put("output", hex(r.payload().orElseThrow()));
            }
        }
    }

    static List<PathHop> clientPath(List<Node> nodes, SecureRandom rng, boolean surb, byte[] surbId) {
        List<PathHop> path = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            List<RoutingCommand> cmds = new ArrayList<>();
            boolean last = i == nodes.size() - 1;
            if (!last || !surb) {
                cmds.add(new NodeDelay(1 + rng.nextInt(5000)));
            }
            if (last) {
                cmds.add(Recipient.padded(surb ? "0123456789abcdef0123456789abcdef" : "+echo"));
                if (surb) {
                    cmds.add(new SurbReply(surbId));
                }
            }
            path.add(new PathHop(nodes.get(i).id, nodes.get(i).pub, cmds));
        }
        return path;
    }

    @Test
    void referenceUnwrapsJavaPacketsAndUsesJavaSurbs() throws Exception {
        GoOracle oracle = GoOracle.forArea("sphinx");
        oracle.require("sphinx/unwrap");
        oracle.require("sphinx-surb-reply");
        SecureRandom rng = TestRandoms.detRand("java-to-go");
        List<Geometry> geos = List.of(Geometry.nike("x25519", 2000, 3), Geometry.nike("x25519", 2000, 5),
                Geometry.kem("XWING", 2000, 3), Geometry.kem("XWING", 2000, 5), Geometry.kem("MLKEM768", 1000, 4),
                Geometry.nike("x448", 500, 3));
        ArrayNode cases = M.createArrayNode();
        ArrayNode surbCases = M.createArrayNode();
        List<SurbKeys> keys = new ArrayList<>();
        for (Geometry g : geos) {
            Sphinx s = sphinx(g);
            for (int hops : new int[] {1, g.nrHops() - 1, g.nrHops()}) {
                String tag = g.schemeName() + "/" + g.nrHops() + "/" + hops;
                // SURB for the reverse path
                List<Node> rn = nodes(g, rng, hops);
                byte[] surbId = new byte[16];
                rng.nextBytes(surbId);
                List<PathHop> rev = clientPath(rn, rng, true, surbId);
                Surb surb = s.newSurb(rng, rev);
                byte[] reply = new byte[100];
                rng.nextBytes(reply);
                ObjectNode sc = caseJson("java surb " + tag, g, "surb", rn, rev, reply);
                sc.put("surb", hex(surb.bytes()));
                sc.put("surbKeys", hex(surb.keys().toBytes()));
                ReplyPacket rp = s.newPacketFromSurb(surb.bytes(), reply);
                recordChain(s, rn, sc, rp.packet());
                cases.add(sc);
                surbCases.add(sc.deepCopy());
                keys.add(surb.keys());
                // forward packet carrying that SURB
                List<Node> fn = nodes(g, rng, hops);
                List<PathHop> fwd = clientPath(fn, rng, false, null);
                byte[] user = new byte[g.userForwardPayloadLength()];
                rng.nextBytes(user);
                byte[] payload = ForwardPayload.withSurb(g, surb.bytes(), user);
                byte[] pkt = s.newPacket(rng, fwd, payload);
                ObjectNode fc = caseJson("java forward " + tag, g, "forward", fn, fwd, payload);
                recordChain(s, fn, fc, pkt);
                cases.add(fc);
            }
        }
        Path dir = Files.createDirectories(Path.of("target/java-to-go"));
        Path file = dir.resolve("sphinx-java-out.json");
        Files.writeString(file, M.writerWithDefaultPrettyPrinter().writeValueAsString(cases));
        GoOracle.Result v = oracle.verify("sphinx/unwrap", file);
        assertThat(v.exitCode()).as(v.output()).isZero();
        assertThat(v.output()).contains(cases.size() + " Java-made cases unwrapped by the reference");

        Path in = dir.resolve("sphinx-surbs.json");
        Path out = dir.resolve("sphinx-surb-replies.json");
        Files.writeString(in, M.writeValueAsString(surbCases));
        GoOracle.Result r = oracle.command("sphinx-surb-reply", in.toString(), out.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode replies = M.readTree(Files.readString(out));
        assertThat(replies.size()).isEqualTo(surbCases.size());
        for (int i = 0; i < replies.size(); i++) {
            JsonNode c = replies.get(i);
            Geometry g = SphinxCases.geometry(c.get("geometry"));
            byte[] block = hex(c.get("output"));
            assertThat(block).hasSize(g.payloadBlockLength());
            byte[] plain = sphinx(g).decryptSurbPayload(block, keys.get(i));
            byte[] want = hex(c.get("payload"));
            assertThat(java.util.Arrays.copyOf(plain, want.length)).as(c.get("name").asString()).isEqualTo(want);
            keys.get(i).close();
        }
    }
}
