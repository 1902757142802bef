package org.katzen4j.sphinx;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.sphinx.SphinxException.Kind;
import org.katzen4j.sphinx.commands.NextNodeHop;
import org.katzen4j.sphinx.commands.RoutingCommand;
import org.katzen4j.sphinx.commands.RoutingCommands;
import org.katzen4j.sphinx.geo.Geometry;
import org.katzen4j.sphinx.internal.Aez;
import org.katzen4j.sphinx.internal.SphinxCrypto;
import org.katzen4j.sphinx.internal.SphinxCrypto.PacketKeys;
import org.katzen4j.sphinx.internal.X25519Ladder;

/**
 * Sphinx packet creation, SURBs, reply decryption and (mix side) unwrapping for one geometry,
 * byte-compatible with the reference.
 *
 * <pre>
 * packet = 00 00 ‖ α (NIKE public key) or KEM ciphertext ‖ β (RoutingInfoLength) ‖ γ (32)
 *          ‖ AEZ_k0(… AEZ_kn-1(zeros(32) ‖ forward payload))
 * SURB   = header ‖ first hop id (32) ‖ replier AEZ key (48) ‖ nonce (16)
 * </pre>
 *
 * <p>Randomness: every random byte comes from the {@link SecureRandom} passed in, drawn in the
 * reference's order (SURB: replier key material, then the ephemeral NIKE key, then filler; forward
 * packet: ephemeral key, then filler). Instances are immutable and thread-safe.
 */
public final class Sphinx {
    /**
     * X25519 header keys with one scalar multiplication per hop and per group element (see
     * {@link X25519Ladder}; about 1.6x faster packet creation for 5 hops, and linear instead of
     * quadratic in the hop count), byte-identical to the reference's blinding chain. On by default;
     * {@code -Dkatzen4j.sphinx.fastHeaderKeys=false} runs the chain.
     */
    private static final boolean FAST_X25519_HEADER_KEYS =
            !"false".equalsIgnoreCase(System.getProperty("katzen4j.sphinx.fastHeaderKeys", "true"));

    private static final int AD_LENGTH = 2;
    private static final int TAG = Geometry.PAYLOAD_TAG_LENGTH;

    private final Geometry geo;
    private final SphinxNike nike;
    private final SphinxKem kem;
    private final int elementLength;

    private Sphinx(Geometry geo, SphinxNike nike, SphinxKem kem) {
        this.geo = Objects.requireNonNull(geo, "geometry");
        this.nike = nike;
        this.kem = kem;
        this.elementLength = nike != null ? nike.publicKeySize() : kem.ciphertextSize();
        if (geo.elementLength() != elementLength) {
            throw new IllegalArgumentException("geometry element length " + geo.elementLength()
                    + " does not match scheme " + (nike != null ? nike.name() : kem.name()) + " size " + elementLength);
        }
        if (geo.perHopRoutingInfoLength() * geo.nrHops() != geo.routingInfoLength()) {
            throw new IllegalArgumentException("geometry RoutingInfoLength != PerHopRoutingInfoLength * NrHops");
        }
    }

    /** A NIKE Sphinx; the geometry must be a NIKE geometry for {@code nike}. */
    public static Sphinx nike(Geometry geometry, SphinxNike nike) {
        if (!geometry.isNike() || !geometry.nikeName().equalsIgnoreCase(nike.name())) {
            throw new IllegalArgumentException("geometry " + geometry.schemeName() + " is not for NIKE " + nike.name());
        }
        return new Sphinx(geometry, nike, null);
    }

    /** A KEM Sphinx; the geometry must be a KEM geometry for {@code kem}. */
    public static Sphinx kem(Geometry geometry, SphinxKem kem) {
        if (!geometry.isKem() || !geometry.kemName().equalsIgnoreCase(kem.name())) {
            throw new IllegalArgumentException("geometry " + geometry.schemeName() + " is not for KEM " + kem.name());
        }
        if (geometry.perHopRoutingInfoLength() - kem.ciphertextSize() < Geometry.NEXT_NODE_HOP_LENGTH) {
            throw new IllegalArgumentException("geometry per-hop length leaves no room for commands");
        }
        return new Sphinx(geometry, null, kem);
    }

    /**
     * The Sphinx for a validated geometry: {@code x25519} or {@code x448} NIKE (built in) or any KEM the crypto
     * module's registry knows (XWING, MLKEM768).
     *
     * @throws SphinxException kind INVALID_GEOMETRY for an invalid geometry or an unsupported scheme
     */
    public static Sphinx forGeometry(Geometry geometry) throws SphinxException {
        geometry.validate();
        if (geometry.isNike() && geometry.nikeName().equalsIgnoreCase(X25519Nike.NAME)) {
            return nike(geometry, X25519Nike.instance());
        }
        if (geometry.isNike() && geometry.nikeName().equalsIgnoreCase(X448Nike.NAME)) {
            return nike(geometry, X448Nike.instance());
        }
        if (geometry.isKem()) {
            return kem(geometry, CryptoKem.byName(geometry.kemName()));
        }
        throw new SphinxException(Kind.INVALID_GEOMETRY, "no built-in Sphinx scheme for " + geometry.schemeName());
    }

    public Geometry geometry() {
        return geo;
    }

    public boolean isKem() {
        return kem != null;
    }

    // ======================================================================== creation

    /** Per-hop keys and the header made from them. */
    private record Header(byte[] bytes, PacketKeys[] keys) {
        void wipe() {
            for (PacketKeys k : keys) {
                k.close();
            }
        }
    }

    /**
     * A forward packet along {@code path} (1..NrHops hops) carrying {@code payload}, which must be
     * exactly ForwardPayloadLength bytes (see {@link ForwardPayload}).
     */
    public byte[] newPacket(SecureRandom rng, List<PathHop> path, byte[] payload) throws SphinxException {
        if (payload.length != geo.forwardPayloadLength()) {
            throw new SphinxException(Kind.BAD_LENGTH, "invalid payload length: " + payload.length + ", expected "
                    + geo.forwardPayloadLength());
        }
        Header h = createHeader(rng, path);
        try {
            byte[] b = new byte[TAG + payload.length];
            System.arraycopy(payload, 0, b, TAG, payload.length);
            for (int i = path.size() - 1; i >= 0; i--) {
                byte[] next = SphinxCrypto.sprpEncrypt(h.keys[i].payloadEncryption, h.keys[i].headerEncryptionIv, b);
                Arrays.fill(b, (byte) 0);
                b = next;
            }
            byte[] pkt = new byte[h.bytes.length + b.length];
            System.arraycopy(h.bytes, 0, pkt, 0, h.bytes.length);
            System.arraycopy(b, 0, pkt, h.bytes.length, b.length);
            return pkt;
        } finally {
            h.wipe();
        }
    }

    /**
     * A SURB for the reply path {@code path}; the terminal hop's commands should carry the
     * Recipient (our queue) and SURBReply (the SURB id).
     */
    public Surb newSurb(SecureRandom rng, List<PathHop> path) throws SphinxException {
        byte[] kp = new byte[Geometry.SPRP_KEY_MATERIAL_LENGTH];
        rng.nextBytes(kp);
        try {
            Header h = createHeader(rng, path);
            try {
                int n = path.size();
                byte[] keys = new byte[SurbKeys.ENTRY_LENGTH * (n + 1)];
                int o = 0;
                for (int i = n - 1; i >= 0; i--) {
                    System.arraycopy(h.keys[i].payloadEncryption, 0, keys, o, SphinxCrypto.SPRP_KEY_LENGTH);
                    System.arraycopy(h.keys[i].headerEncryptionIv, 0, keys, o + SphinxCrypto.SPRP_KEY_LENGTH,
                            SphinxCrypto.SPRP_IV_LENGTH);
                    o += SurbKeys.ENTRY_LENGTH;
                }
                System.arraycopy(kp, 0, keys, o, kp.length);
                byte[] surb = new byte[geo.surbLength()];
                System.arraycopy(h.bytes, 0, surb, 0, h.bytes.length);
                System.arraycopy(path.get(0).idRef(), 0, surb, geo.headerLength(), NextNodeHop.ID_LENGTH);
                System.arraycopy(kp, 0, surb, geo.headerLength() + NextNodeHop.ID_LENGTH, kp.length);
                return new Surb(surb, SurbKeys.adopt(keys), geo.headerLength());
            } finally {
                h.wipe();
            }
        } finally {
            Arrays.fill(kp, (byte) 0);
        }
    }

    /**
     * The replier's side: a reply packet from a SURB. {@code payload} (at most ForwardPayloadLength
     * bytes) is zero padded to ForwardPayloadLength, as the reference server does.
     */
    public ReplyPacket newPacketFromSurb(byte[] surb, byte[] payload) throws SphinxException {
        if (surb.length != geo.surbLength()) {
            throw new SphinxException(Kind.BAD_LENGTH, "sphinx: invalid SURB length " + surb.length + ", expected "
                    + geo.surbLength());
        }
        if (payload.length > geo.forwardPayloadLength()) {
            throw new SphinxException(Kind.BAD_LENGTH, "reply payload of " + payload.length + " bytes exceeds "
                    + geo.forwardPayloadLength());
        }
        int idOff = geo.headerLength();
        int keyOff = idOff + NextNodeHop.ID_LENGTH;
        int ivOff = keyOff + SphinxCrypto.SPRP_KEY_LENGTH;
        byte[] key = Arrays.copyOfRange(surb, keyOff, ivOff);
        byte[] iv = Arrays.copyOfRange(surb, ivOff, ivOff + SphinxCrypto.SPRP_IV_LENGTH);
        try {
            byte[] b = new byte[TAG + geo.forwardPayloadLength()];
            System.arraycopy(payload, 0, b, TAG, payload.length);
            byte[] ct = SphinxCrypto.sprpEncrypt(key, iv, b);
            byte[] pkt = new byte[geo.headerLength() + ct.length];
            System.arraycopy(surb, 0, pkt, 0, geo.headerLength());
            System.arraycopy(ct, 0, pkt, geo.headerLength(), ct.length);
            return new ReplyPacket(pkt, Arrays.copyOfRange(surb, idOff, keyOff));
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(iv, (byte) 0);
        }
    }

    /**
     * The client's side of a reply: removes every layer with the stored SURB keys and checks the
     * zero tag. {@code payload} is what the gateway returned (32 + ForwardPayloadLength bytes).
     * Does not wipe {@code keys}.
     *
     * @return the ForwardPayloadLength reply bytes
     */
    public byte[] decryptSurbPayload(byte[] payload, SurbKeys keys) throws SphinxException {
        byte[] k = keys.ref();
        int layers = k.length / SurbKeys.ENTRY_LENGTH;
        if (layers < 1 || k.length % SurbKeys.ENTRY_LENGTH != 0) {
            throw new SphinxException(Kind.BAD_LENGTH, "sphinx: invalid SURB decryption keys");
        }
        if (payload.length < TAG) {
            throw new SphinxException(Kind.BAD_LENGTH, "sphinx: truncated payload");
        }
        // every layer but the last is an encryption, the last a decryption (one native call when available)
        byte[] b = Aez.replyLayers(k, payload);
        if (!SphinxCrypto.isZeroConstantTime(b, 0, TAG)) {
            throw new SphinxException(Kind.PAYLOAD_AUTH_FAILED, "sphinx: payload auth failed");
        }
        return Arrays.copyOfRange(b, TAG, b.length);
    }

    private byte[] commandsToBytes(List<RoutingCommand> cmds, boolean terminal) throws SphinxException {
        byte[] b = RoutingCommands.encode(cmds);
        int room = geo.perHopRoutingInfoLength() - (kem != null ? kem.ciphertextSize() : 0);
        if (b.length > room) {
            throw new SphinxException(Kind.INVALID_PATH, "sphinx: invalid commands, oversized serialized block ("
                    + b.length + " > " + room + ")");
        }
        if (!terminal && room - b.length < Geometry.NEXT_NODE_HOP_LENGTH) {
            throw new SphinxException(Kind.INVALID_PATH, "sphinx: invalid commands, insufficient remaining capacity");
        }
        return b;
    }

    private Header createHeader(SecureRandom rng, List<PathHop> path) throws SphinxException {
        int n = path.size();
        if (n < 1 || n > geo.nrHops()) {
            throw new SphinxException(Kind.INVALID_PATH, "sphinx: invalid path of " + n + " hops (geometry allows 1.."
                    + geo.nrHops() + ")");
        }
        for (PathHop hop : path) {
            int want = nike != null ? nike.publicKeySize() : kem.publicKeySize();
            if (hop.publicKeyRef().length != want) {
                throw new SphinxException(Kind.BAD_KEY, "hop public key must be " + want + " bytes, got "
                        + hop.publicKeyRef().length);
            }
        }
        PacketKeys[] keys = new PacketKeys[n];
        byte[][] elements = new byte[n][];
        boolean ok = false;
        try {
            if (nike != null) {
                deriveNikeKeys(rng, path, keys, elements);
            } else {
                for (int i = 0; i < n; i++) {
                    SphinxKem.Encapsulation e = kem.encapsulate(path.get(i).publicKeyRef(), rng);
                    elements[i] = e.ciphertext();
                    keys[i] = SphinxCrypto.kdf(e.sharedSecret());
                    Arrays.fill(e.sharedSecret(), (byte) 0);
                }
            }
            int p = geo.perHopRoutingInfoLength();
            int ri = geo.routingInfoLength();
            byte[][] riKeyStream = new byte[n][];
            byte[][] riPadding = new byte[n][];
            for (int i = 0; i < n; i++) {
                byte[] ks = SphinxCrypto.keyStream(keys[i].headerEncryption, keys[i].headerEncryptionIv, ri + p);
                int ksLen = ks.length - (i + 1) * p;
                riKeyStream[i] = Arrays.copyOfRange(ks, 0, ksLen);
                riPadding[i] = Arrays.copyOfRange(ks, ksLen, ks.length);
                if (i > 0) {
                    for (int k = 0; k < riPadding[i - 1].length; k++) {
                        riPadding[i][k] ^= riPadding[i - 1][k];
                    }
                }
                Arrays.fill(ks, (byte) 0);
            }
            // routing info grows from the back: filler for the unused hops, then blocks last hop first
            byte[] routing = new byte[ri];
            int start = n * p;
            if (start < ri) {
                byte[] filler = new byte[ri - start];
                rng.nextBytes(filler);
                System.arraycopy(filler, 0, routing, start, filler.length);
            }
            byte[] mac = null;
            for (int i = n - 1; i >= 0; i--) {
                boolean terminal = i == n - 1;
                byte[] cmds = commandsToBytes(path.get(i).commands(), terminal);
                byte[] block = new byte[p];
                System.arraycopy(cmds, 0, block, 0, cmds.length);
                if (!terminal) {
                    byte[] nh = new NextNodeHop(path.get(i + 1).idRef(), mac).encode();
                    System.arraycopy(nh, 0, block, cmds.length, nh.length);
                    if (kem != null) {
                        System.arraycopy(elements[i + 1], 0, block, p - elementLength, elementLength);
                    }
                }
                int off = i * p;
                System.arraycopy(block, 0, routing, off, p);
                byte[] ks = riKeyStream[i];
                for (int k = 0; k < ks.length; k++) {
                    routing[off + k] ^= ks[k];
                }
                byte[] beta = Arrays.copyOfRange(routing, off, ri);
                mac = i > 0
                        ? SphinxCrypto.mac(keys[i].headerMac, new byte[AD_LENGTH], elements[i], beta, riPadding[i - 1])
                        : SphinxCrypto.mac(keys[i].headerMac, new byte[AD_LENGTH], elements[i], beta);
            }
            for (int i = 0; i < n; i++) {
                Arrays.fill(riKeyStream[i], (byte) 0);
                Arrays.fill(riPadding[i], (byte) 0);
            }
            byte[] hdr = new byte[geo.headerLength()];
            System.arraycopy(elements[0], 0, hdr, AD_LENGTH, elementLength);
            System.arraycopy(routing, 0, hdr, AD_LENGTH + elementLength, ri);
            System.arraycopy(mac, 0, hdr, AD_LENGTH + elementLength + ri, SphinxCrypto.MAC_LENGTH);
            ok = true;
            return new Header(hdr, keys);
        } finally {
            if (!ok) {
                for (PacketKeys k : keys) {
                    if (k != null) {
                        k.close();
                    }
                }
            }
        }
    }

    private void deriveNikeKeys(SecureRandom rng, List<PathHop> path, PacketKeys[] keys, byte[][] alphas)
            throws SphinxException {
        int n = path.size();
        byte[] x = nike.generatePrivateKey(rng);
        if (nike == X25519Nike.instance() && FAST_X25519_HEADER_KEYS) {
            // the chain's keys with one scalar multiplication each (see X25519Ladder); a path with a
            // hop key off the curve falls through to the chain
            boolean done;
            try {
                alphas[0] = nike.publicKey(x);
                done = X25519Ladder.headerKeys(x, path.stream().map(PathHop::publicKeyRef).toList(), keys, alphas);
            } catch (SphinxException | RuntimeException e) {
                Arrays.fill(x, (byte) 0);
                throw e;
            }
            if (done) {
                Arrays.fill(x, (byte) 0);
                return;
            }
        }
        byte[][] bf = new byte[n][];
        try {
            alphas[0] = nike.publicKey(x);
            for (int i = 0; i < n; i++) {
                byte[] s = nike.sharedSecret(x, path.get(i).publicKeyRef());
                for (int j = 0; j < i; j++) {
                    byte[] t = nike.blind(s, bf[j]);
                    Arrays.fill(s, (byte) 0);
                    s = t;
                }
                keys[i] = SphinxCrypto.kdf(s);
                Arrays.fill(s, (byte) 0);
                bf[i] = nike.blindingFactor(keys[i].blindingSeed);
                if (i > 0) {
                    alphas[i] = nike.blind(alphas[i - 1], bf[i - 1]);
                }
            }
        } finally {
            Arrays.fill(x, (byte) 0);
            for (byte[] b : bf) {
                if (b != null) {
                    Arrays.fill(b, (byte) 0);
                }
            }
        }
    }

    // ======================================================================== unwrap (mix side)

    /**
     * Unwraps a packet of exactly PacketLength bytes with this hop's private key (NIKE private key
     * or KEM private key). The input is not modified.
     */
    public UnwrapResult unwrap(byte[] privateKey, byte[] packet) throws SphinxException {
        if (packet.length != geo.packetLength()) {
            throw new SphinxException(Kind.BAD_LENGTH, "sphinx: invalid packet length " + packet.length + ", expected "
                    + geo.packetLength());
        }
        return unwrapAnyPayloadLength(privateKey, packet);
    }

    /**
     * Like {@link #unwrap} but, as the reference's unwrap function itself, accepts any packet of at
     * least HeaderLength bytes (the payload is whatever follows the header). Only for vectors made
     * with non-standard payload sizes.
     */
    public UnwrapResult unwrapAnyPayloadLength(byte[] privateKey, byte[] packet) throws SphinxException {
        int geOff = AD_LENGTH;
        int riOff = geOff + elementLength;
        int ri = geo.routingInfoLength();
        int macOff = riOff + ri;
        int payloadOff = macOff + SphinxCrypto.MAC_LENGTH;
        int p = geo.perHopRoutingInfoLength();
        if (packet.length < geo.headerLength()) {
            throw new SphinxException(Kind.BAD_LENGTH, "sphinx: invalid packet, truncated");
        }
        if ((packet[0] | packet[1]) != 0) {
            throw new SphinxException(Kind.BAD_VERSION, "sphinx: invalid packet, unknown version");
        }
        byte[] element = Arrays.copyOfRange(packet, geOff, riOff);
        byte[] ss = nike != null ? nike.sharedSecret(privateKey, element) : kem.decapsulate(privateKey, element);
        byte[] replayTag = SphinxCrypto.hash(element, 0, element.length);
        try (PacketKeys keys = SphinxCrypto.kdf(ss)) {
            Arrays.fill(ss, (byte) 0);
            byte[] mac = SphinxCrypto.mac(keys.headerMac, packet, 0, macOff);
            if (!SphinxCrypto.equalsConstantTime(mac, Arrays.copyOfRange(packet, macOff, payloadOff))) {
                throw new SphinxException(Kind.MAC_MISMATCH, "sphinx: invalid packet, MAC mismatch");
            }
            byte[] b = new byte[ri + p];
            System.arraycopy(packet, riOff, b, 0, ri);
            SphinxCrypto.xorKeyStream(keys.headerEncryption, keys.headerEncryptionIv, b, 0, b.length);
            int cmdLen = kem != null ? p - elementLength : p;
            List<RoutingCommand> cmds;
            try {
                cmds = RoutingCommands.decode(b, 0, cmdLen);
            } catch (DecodeException e) {
                throw new SphinxException(Kind.BAD_COMMAND, e.getMessage(), e);
            }
            NextNodeHop next = null;
            boolean surbReply = false;
            for (RoutingCommand c : cmds) {
                if (c instanceof NextNodeHop nh) {
                    next = nh;
                } else if (c instanceof org.katzen4j.sphinx.commands.SurbReply) {
                    surbReply = true;
                }
            }
            byte[] payload = Arrays.copyOfRange(packet, payloadOff, packet.length);
            if (payload.length > 0) {
                payload = SphinxCrypto.sprpDecrypt(keys.payloadEncryption, keys.headerEncryptionIv, payload);
            }
            if (next != null) {
                byte[] out = new byte[packet.length];
                byte[] nextElement = nike != null
                        ? nike.blind(element, nike.blindingFactor(keys.blindingSeed))
                        : Arrays.copyOfRange(b, p - elementLength, p);
                System.arraycopy(nextElement, 0, out, geOff, elementLength);
                System.arraycopy(b, p, out, riOff, ri);
                System.arraycopy(next.mac(), 0, out, macOff, SphinxCrypto.MAC_LENGTH);
                System.arraycopy(payload, 0, out, payloadOff, payload.length);
                Arrays.fill(b, (byte) 0);
                return new UnwrapResult(replayTag, cmds, out, null);
            }
            Arrays.fill(b, (byte) 0);
            if (payload.length < TAG) {
                throw new SphinxException(Kind.BAD_LENGTH, "sphinx: truncated payload");
            }
            if (!surbReply) {
                if (!SphinxCrypto.isZeroConstantTime(payload, 0, TAG)) {
                    throw new SphinxException(Kind.PAYLOAD_AUTH_FAILED, "sphinx: payload auth failed");
                }
                payload = Arrays.copyOfRange(payload, TAG, payload.length);
            }
            return new UnwrapResult(replayTag, cmds, null, payload);
        }
    }

    @Override
    public String toString() {
        return "Sphinx[" + geo.schemeName() + ", " + geo.nrHops() + " hops, " + geo.packetLength() + " bytes]";
    }
}
