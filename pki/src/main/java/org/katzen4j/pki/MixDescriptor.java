package org.katzen4j.pki;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.codec.cbor.CborMap;
import org.katzen4j.codec.cbor.CborReader;
import org.katzen4j.codec.cbor.CborValue;
import org.katzen4j.sphinx.PathHop;
import org.katzen4j.sphinx.commands.RoutingCommand;

/**
 * A mix, gateway or service node as listed in a consensus. In the document each descriptor is a
 * CBOR byte string whose content is the canonical CBOR of this 13-key map:
 *
 * <pre>
 * Name text | Epoch uint | IdentityKey bytes | LinkKey bytes | MixKeys {uint epoch: bytes}
 * Addresses {transport: [url text]} | Kaetzchen {capability: {param: any}} or null
 * KaetzchenAdvertizedData {capability: {key: any}} or null | IsGatewayNode bool
 * IsServiceNode bool | LoadWeight uint8 | AuthenticationType text | Version text
 * </pre>
 *
 * The node ID is BLAKE2b-256 of the raw {@code IdentityKey}. A decoded descriptor keeps the
 * bytes it came from ({@link #encoded()}); {@link #encode()} rebuilds canonical bytes from the
 * fields.
 */
public final class MixDescriptor {

    public static final String DESCRIPTOR_VERSION = "v0";
    /** AuthenticationType of gateways that trust clients on first use. */
    public static final String AUTH_TOFU = "tofu";
    /** Kaetzchen parameter holding the service's queue name. */
    public static final String ENDPOINT = "endpoint";
    /** Longest service endpoint the reference accepts (a Sphinx recipient ID). */
    public static final int MAX_ENDPOINT_LENGTH = 32;

    private final String name;
    private final long epoch;
    private final byte[] identityKey;
    private final byte[] linkKey;
    private final Map<Long, byte[]> mixKeys;
    private final Map<String, List<String>> addresses;
    private final Map<String, Map<String, CborValue>> kaetzchen;
    private final Map<String, Map<String, CborValue>> kaetzchenAdvertizedData;
    private final boolean gatewayNode;
    private final boolean serviceNode;
    private final int loadWeight;
    private final String authenticationType;
    private final String version;
    private final byte[] encoded;
    private final byte[] idHash;

    private MixDescriptor(Builder b, byte[] encoded) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.epoch = b.epoch;
        this.identityKey = GoFields.copy(b.identityKey);
        this.linkKey = GoFields.copy(b.linkKey);
        this.mixKeys = GoFields.copyKeys(b.mixKeys);
        this.addresses = b.addresses == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.addresses));
        this.kaetzchen = b.kaetzchen == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.kaetzchen));
        this.kaetzchenAdvertizedData = b.advertized == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.advertized));
        this.gatewayNode = b.gatewayNode;
        this.serviceNode = b.serviceNode;
        if (b.loadWeight < 0 || b.loadWeight > 255) {
            throw new IllegalArgumentException("LoadWeight is a uint8: " + b.loadWeight);
        }
        this.loadWeight = b.loadWeight;
        this.authenticationType = Objects.requireNonNull(b.authenticationType);
        this.version = Objects.requireNonNull(b.version);
        this.idHash = identityKey == null ? null : GoFields.keyHash(identityKey);
        this.encoded = encoded != null ? encoded : toCbor().encodeCanonical();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Decodes the nested descriptor bytes found in a document. */
    public static MixDescriptor decode(byte[] data) throws PkiException {
        try {
            return fromCbor(CborReader.decode(data), data.clone());
        } catch (DecodeException e) {
            throw PkiException.malformed("MixDescriptor", e);
        }
    }

    static MixDescriptor fromCbor(CborValue v, byte[] encoded) throws DecodeException {
        CborMap m = v.asMap("MixDescriptor");
        Builder b = new Builder()
                .name(GoFields.text(m, "Name"))
                .epoch(GoFields.uint(m, "Epoch", GoFields.UINT64))
                .identityKey(GoFields.bytes(m, "IdentityKey"))
                .linkKey(GoFields.bytes(m, "LinkKey"))
                .mixKeys(GoFields.uintKeyedBytes(m, "MixKeys"))
                .addresses(GoFields.addresses(m, "Addresses"))
                .kaetzchen(GoFields.capabilityMap(m, "Kaetzchen"))
                .kaetzchenAdvertizedData(GoFields.capabilityMap(m, "KaetzchenAdvertizedData"))
                .gatewayNode(GoFields.bool(m, "IsGatewayNode"))
                .serviceNode(GoFields.bool(m, "IsServiceNode"))
                .loadWeight((int) GoFields.uint(m, "LoadWeight", 255))
                .authenticationType(GoFields.text(m, "AuthenticationType"))
                .version(GoFields.text(m, "Version"));
        return new MixDescriptor(b, encoded);
    }

    /** The 13-key map in Go struct order. */
    CborMap toCbor() {
        return CborMap.builder()
                .put("Name", name)
                .put("Epoch", new CborValue.UInt(epoch))
                .put("IdentityKey", CborValue.of(identityKey))
                .put("LinkKey", CborValue.of(linkKey))
                .put("MixKeys", GoFields.ofUintKeyedBytes(mixKeys))
                .put("Addresses", GoFields.ofAddresses(addresses))
                .put("Kaetzchen", GoFields.ofCapabilityMap(kaetzchen))
                .put("KaetzchenAdvertizedData", GoFields.ofCapabilityMap(kaetzchenAdvertizedData))
                .put("IsGatewayNode", gatewayNode)
                .put("IsServiceNode", serviceNode)
                .put("LoadWeight", loadWeight)
                .put("AuthenticationType", authenticationType)
                .put("Version", version)
                .build();
    }

    /** Canonical CBOR rebuilt from the fields (what Go's MarshalBinary writes). */
    public byte[] encode() {
        return toCbor().encodeCanonical();
    }

    /** The bytes this descriptor was decoded from (or its canonical encoding if built). */
    public byte[] encoded() {
        return encoded.clone();
    }

    public String name() {
        return name;
    }

    public long epoch() {
        return epoch;
    }

    /** Raw identity (PKI signature scheme) public key, or null if the descriptor has none. */
    public byte[] identityKey() {
        return GoFields.copy(identityKey);
    }

    /** BLAKE2b-256 of the identity key: the node ID used in Sphinx routing, or null without a key. */
    public byte[] idHash() {
        return GoFields.copy(idHash);
    }

    public boolean hasIdHash(byte[] hash) {
        return GoFields.constantTimeEquals(idHash, hash);
    }

    /** Raw wire KEM public key the gateway session must match, or null. */
    public byte[] linkKey() {
        return GoFields.copy(linkKey);
    }

    /** Sphinx public keys by epoch (nil in the document: null). */
    public Map<Long, byte[]> mixKeys() {
        return GoFields.copyKeys(mixKeys);
    }

    /** The Sphinx public key for {@code epoch}, if published. */
    public Optional<byte[]> mixKey(long epoch) {
        return mixKeys == null ? Optional.empty() : Optional.ofNullable(GoFields.copy(mixKeys.get(epoch)));
    }

    /**
     * This node as a Sphinx hop for a packet reaching it during {@code epoch}: its ID and that
     * epoch's mix key. Empty if the node has no identity key or no key for the epoch.
     */
    public Optional<PathHop> hop(long epoch, List<? extends RoutingCommand> commands) {
        if (idHash == null) {
            return Optional.empty();
        }
        return mixKey(epoch).map(k -> new PathHop(idHash, k, commands));
    }

    /** Transport (e.g. {@code tcp4}, {@code quic}) to URLs; null if the document had none. */
    public Map<String, List<String>> addresses() {
        return addresses;
    }

    /** Services by capability with their parameters; null for non-service nodes. */
    public Map<String, Map<String, CborValue>> kaetzchen() {
        return kaetzchen;
    }

    public Map<String, Map<String, CborValue>> kaetzchenAdvertizedData() {
        return kaetzchenAdvertizedData;
    }

    /** The endpoint (recipient queue name) of capability {@code capability}, if it is a text. */
    public Optional<String> endpoint(String capability) {
        if (kaetzchen == null) {
            return Optional.empty();
        }
        Map<String, CborValue> params = kaetzchen.get(capability);
        if (params == null || !(params.get(ENDPOINT) instanceof CborValue.Text t)) {
            return Optional.empty();
        }
        return Optional.of(t.value());
    }

    /** The courier's advertised link key (PEM text), if present. */
    public Optional<String> courierLinkKeyPem() {
        if (kaetzchenAdvertizedData == null) {
            return Optional.empty();
        }
        Map<String, CborValue> data = kaetzchenAdvertizedData.get("courier");
        if (data == null || !(data.get("linkPublicKey") instanceof CborValue.Text t)) {
            return Optional.empty();
        }
        return Optional.of(t.value());
    }

    public boolean isGatewayNode() {
        return gatewayNode;
    }

    public boolean isServiceNode() {
        return serviceNode;
    }

    public int loadWeight() {
        return loadWeight;
    }

    public String authenticationType() {
        return authenticationType;
    }

    public String version() {
        return version;
    }

    /** Endpoint bytes as used for a Sphinx recipient. */
    static byte[] endpointBytes(String endpoint) {
        return endpoint.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MixDescriptor d && Arrays.equals(encoded, d.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "MixDescriptor[" + name + " id=" + GoFields.hexPrefix(idHash) + (gatewayNode ? " gateway" : "")
                + (serviceNode ? " service" : "") + " addresses=" + addresses + "]";
    }

    /** Builds a descriptor from field values (tests, tools). */
    public static final class Builder {
        private String name = "";
        private long epoch;
        private byte[] identityKey;
        private byte[] linkKey;
        private Map<Long, byte[]> mixKeys;
        private Map<String, List<String>> addresses;
        private Map<String, Map<String, CborValue>> kaetzchen;
        private Map<String, Map<String, CborValue>> advertized;
        private boolean gatewayNode;
        private boolean serviceNode;
        private int loadWeight;
        private String authenticationType = "";
        private String version = DESCRIPTOR_VERSION;

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder epoch(long v) {
            epoch = v;
            return this;
        }

        public Builder identityKey(byte[] v) {
            identityKey = GoFields.copy(v);
            return this;
        }

        public Builder linkKey(byte[] v) {
            linkKey = GoFields.copy(v);
            return this;
        }

        public Builder mixKeys(Map<Long, byte[]> v) {
            mixKeys = v;
            return this;
        }

        public Builder addresses(Map<String, List<String>> v) {
            addresses = v;
            return this;
        }

        public Builder kaetzchen(Map<String, Map<String, CborValue>> v) {
            kaetzchen = v;
            return this;
        }

        public Builder kaetzchenAdvertizedData(Map<String, Map<String, CborValue>> v) {
            advertized = v;
            return this;
        }

        public Builder gatewayNode(boolean v) {
            gatewayNode = v;
            return this;
        }

        public Builder serviceNode(boolean v) {
            serviceNode = v;
            return this;
        }

        public Builder loadWeight(int v) {
            loadWeight = v;
            return this;
        }

        public Builder authenticationType(String v) {
            authenticationType = v;
            return this;
        }

        public Builder version(String v) {
            version = v;
            return this;
        }

        public MixDescriptor build() {
            return new MixDescriptor(this, null);
        }
    }
}
