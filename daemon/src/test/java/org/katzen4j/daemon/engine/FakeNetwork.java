package org.katzen4j.daemon.engine;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.katzen4j.codec.cbor.CborValue;
import org.katzen4j.crypto.KeyHash;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.crypto.SignaturePrivateKey;
import org.katzen4j.pki.Authority;
import org.katzen4j.pki.AuthoritySet;
import org.katzen4j.pki.Certificate;
import org.katzen4j.pki.Document;
import org.katzen4j.pki.DocumentBody;
import org.katzen4j.pki.EpochClock;
import org.katzen4j.pki.EpochTime;
import org.katzen4j.pki.MixDescriptor;
import org.katzen4j.pki.UnverifiedDocument;
import org.katzen4j.sphinx.ForwardPayload;
import org.katzen4j.sphinx.ReplyPacket;
import org.katzen4j.sphinx.Sphinx;
import org.katzen4j.sphinx.UnwrapResult;
import org.katzen4j.sphinx.X25519Nike;
import org.katzen4j.sphinx.geo.Geometry;

/**
 * An in-process mix network built from our own pki and sphinx code: one gateway, one mix per
 * layer, one service node with an echo service; a signed, verified document; and a router that
 * unwraps a client packet hop by hop with the nodes' private keys, lets the echo service answer
 * through the SURB, and returns what the gateway would hand the client ({@code MessageACK}).
 * A test fixture; the truth is the Go network.
 */
final class FakeNetwork {
    static final EpochTime TIME = EpochTime.DEFAULT;
    static final Geometry GEOMETRY = Geometry.nike("x25519", 2000, 5);

    /** What the service node received: the parsed forward payload. */
    record Delivery(String recipient, ForwardPayload.Parsed payload) {
    }

    /** A SURB reply as the gateway hands it to the client. */
    record Ack(byte[] surbId, byte[] payload) {
    }

    private record Node(String name, byte[] idHash, byte[] mixPrivate, MixDescriptor descriptor) {
    }

    final SecureRandom rng;
    final Sphinx sphinx;
    final long epoch;
    final Instant now;
    final Clock clock;
    final Document document;
    final AuthoritySet authorities;
    final byte[] gatewayId;
    /** The gateway's identity (raw Ed25519 public key) and wire link key pair, for a fake wire gateway. */
    byte[] gatewayIdentity;
    org.katzen4j.crypto.KemPrivateKey gatewayLinkKey;
    final byte[] echoNodeId;
    final List<Delivery> deliveries = new ArrayList<>();
    private final Map<String, Node> byId = new HashMap<>();

    private final String gatewayAddress;

    FakeNetwork(long seed) throws Exception {
        this(seed, "tcp://127.0.0.1:1");
    }

    /** @param gatewayAddress the gateway's address in the document (a fake wire gateway's port) */
    FakeNetwork(long seed, String gatewayAddress) throws Exception {
        this.gatewayAddress = gatewayAddress;
        rng = SecureRandom.getInstance("SHA1PRNG");
        rng.setSeed(seed);
        sphinx = Sphinx.forGeometry(GEOMETRY);
        now = Instant.parse("2026-01-01T00:00:00Z");
        epoch = TIME.epoch(now);
        Instant at = TIME.start(epoch).plusSeconds(30);
        clock = Clock.fixed(at, ZoneOffset.UTC);
        Node gw = node("gateway1", true, false, Map.of());
        List<List<MixDescriptor>> layers = new ArrayList<>();
        for (int l = 0; l < 3; l++) {
            layers.add(List.of(node("mix" + (l + 1), false, false, Map.of()).descriptor()));
        }
        Map<String, Map<String, CborValue>> k = new LinkedHashMap<>();
        k.put("echo", Map.of("endpoint", new CborValue.Text("+echo")));
        Node svc = node("servicenode1", false, true, k);
        gatewayId = gw.idHash();
        echoNodeId = svc.idHash();
        DocumentBody body = new DocumentBody(epoch, epoch - 10, 0, 0.005, 1000, 0.001, 1000, 0.0005, 1000, 0, 0, 0,
                0, 0, 0, layers, List.of(gw.descriptor()), List.of(svc.descriptor()), null, null, null, new byte[32],
                null, GEOMETRY.hash(), "v0", "Ed25519");
        SignaturePrivateKey auth = Schemes.ED25519.generate(rng);
        Certificate cert = new Certificate(0, epoch + 5, "Ed25519", body.encodeCanonical(), null).signedBy(auth);
        authorities = AuthoritySet.of(List.of(new Authority("auth1", auth.publicKey())));
        document = UnverifiedDocument.parse(cert.encode()).verify(authorities, new EpochClock(TIME, clock), epoch);
    }

    private Node node(String name, boolean gateway, boolean service, Map<String, Map<String, CborValue>> kaetzchen)
            throws Exception {
        byte[] identity = Schemes.ED25519.generate(rng).publicKey().encoded();
        org.katzen4j.crypto.KemPrivateKey link = Schemes.XWING.generate(rng);
        if (gateway) {
            gatewayIdentity = identity;
            gatewayLinkKey = link;
        }
        byte[] priv = X25519Nike.instance().generatePrivateKey(rng);
        byte[] pub = X25519Nike.instance().publicKey(priv);
        Map<Long, byte[]> keys = new HashMap<>();
        for (long e = epoch - 1; e <= epoch + 3; e++) {
            keys.put(e, pub);
        }
        MixDescriptor d = MixDescriptor.builder().name(name).epoch(epoch).identityKey(identity)
                .linkKey(link.publicKey().encoded()).mixKeys(keys)
                .addresses(Map.of("tcp", List.of(gateway ? gatewayAddress : "tcp://127.0.0.1:1"))).kaetzchen(kaetzchen.isEmpty() ? null : kaetzchen)
                .gatewayNode(gateway).serviceNode(service).build();
        Node n = new Node(name, KeyHash.of(identity), priv, d);
        byId.put(Arrays.toString(n.idHash()), n);
        return n;
    }

    /** The nodes' private mix keys (for tests that search logs for key material). */
    List<byte[]> mixPrivateKeys() {
        return byId.values().stream().map(n -> n.mixPrivate().clone()).toList();
    }

    /**
     * Carries a client packet (first hop: the gateway) to its service node; if it has a SURB, the
     * echo service answers with the user payload and the reply is carried back to the gateway.
     */
    Optional<Ack> route(byte[] packet) throws Exception {
        Node at = byId.get(Arrays.toString(gatewayId));
        byte[] p = packet;
        while (true) {
            UnwrapResult r = sphinx.unwrap(at.mixPrivate(), p);
            if (!r.isTerminal()) {
                at = byId.get(Arrays.toString(r.nextHop().orElseThrow().id()));
                p = r.nextPacket().orElseThrow();
                continue;
            }
            if (r.surbReply().isPresent()) {
                return Optional.of(new Ack(r.surbReply().get().id(), r.payload().orElseThrow()));
            }
            ForwardPayload.Parsed parsed = ForwardPayload.parse(GEOMETRY, r.payload().orElseThrow());
            String rcpt = r.commands().stream().filter(c -> c instanceof org.katzen4j.sphinx.commands.Recipient)
                    .map(c -> new String(((org.katzen4j.sphinx.commands.Recipient) c).id(),
                            java.nio.charset.StandardCharsets.UTF_8).replace("\0", ""))
                    .findFirst().orElse("");
            deliveries.add(new Delivery(rcpt, parsed));
            if (parsed.surb().isEmpty()) {
                return Optional.empty();
            }
            ReplyPacket reply = sphinx.newPacketFromSurb(parsed.surb().get(), parsed.userPayload());
            at = byId.get(Arrays.toString(reply.firstHop()));
            p = reply.packet();
        }
    }

    /** A {@link GatewayLink} whose packets go through this network; replies are queued for the test. */
    final class Link implements GatewayLink {
        final GatewayLink.Session session = new GatewayLink.Session(1, gatewayId, "0123456789abcdef0123456789abcdef"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        final List<byte[]> sent = new ArrayList<>();
        final List<Ack> acks = new ArrayList<>();
        boolean connected = true;
        /** How many of the next packets vanish (lost in the network). */
        int drop;

        @Override
        public Optional<Session> session() {
            return connected ? Optional.of(session) : Optional.empty();
        }

        @Override
        public void sendPacket(Session s, byte[] packet) throws SendException {
            if (!connected || !s.equals(session)) {
                throw new SendException("not connected", true);
            }
            sent.add(packet);
            if (drop > 0) {
                drop--;
                return;
            }
            try {
                route(packet).ifPresent(acks::add);
            } catch (Exception e) {
                throw new AssertionError("fake network could not route the packet", e);
            }
        }
    }
}
