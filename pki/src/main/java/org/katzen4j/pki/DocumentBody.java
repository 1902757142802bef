package org.katzen4j.pki;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.codec.cbor.CborMap;
import org.katzen4j.codec.cbor.CborReader;
import org.katzen4j.codec.cbor.CborValue;
import org.katzen4j.codec.cbor.CborWriter;

/**
 * The contents of a consensus document: the 26 fields of the reference {@code pki.Document}
 * (its detached signatures excluded). Only a {@link Document} (a verified body) is meant for use
 * by the rest of the client; this class is the decoded form and the encoder.
 *
 * <p>Wire form: a CBOR map with the Go field names as text keys. Mix, gateway and service
 * descriptors are byte strings holding nested canonical CBOR ({@link MixDescriptor}); storage
 * replicas are plain nested maps; the shared-random maps are keyed by 32-byte byte strings. Nil
 * lists and maps (Java null here) encode as CBOR null. Two encodings exist: canonical (inside the
 * signed certificate and in the daemon's on-connect event) and Go's default (struct order,
 * 8-byte floats; the daemon's later broadcasts).
 *
 * @param topology mix layers; each inner list is one layer (null = nil)
 * @param sharedRandomCommit voting artefact, null in a consensus
 * @param sharedRandomReveal voting artefact, null in a consensus
 */
public record DocumentBody(long epoch, long genesisEpoch, long sendRatePerMinute,
        double mu, long muMaxDelay, double lambdaP, long lambdaPMaxDelay, double lambdaL, long lambdaLMaxDelay,
        double lambdaD, long lambdaDMaxDelay, double lambdaM, long lambdaMMaxDelay, double lambdaG,
        long lambdaGMaxDelay, List<List<MixDescriptor>> topology, List<MixDescriptor> gatewayNodes,
        List<MixDescriptor> serviceNodes, List<ReplicaDescriptor> storageReplicas,
        List<SharedRandomEntry> sharedRandomCommit, List<SharedRandomEntry> sharedRandomReveal,
        byte[] sharedRandomValue, List<byte[]> priorSharedRandom, byte[] sphinxGeometryHash, String version,
        String pkiSignatureScheme) {

    public static final String DOCUMENT_VERSION = "v0";

    /** One entry of a {@code map[[32]byte][]byte}: signer key hash to signed commit/reveal. */
    public record SharedRandomEntry(byte[] keyHash, byte[] value) {
        public SharedRandomEntry {
            if (keyHash == null || keyHash.length != 32) {
                throw new IllegalArgumentException("shared random key must be 32 bytes");
            }
            keyHash = keyHash.clone();
            value = GoFields.copy(value);
        }

        @Override
        public byte[] keyHash() {
            return keyHash.clone();
        }

        @Override
        public byte[] value() {
            return GoFields.copy(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SharedRandomEntry e && Arrays.equals(keyHash, e.keyHash) && Arrays.equals(value, e.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(keyHash);
        }
    }

    public DocumentBody {
        topology = topology == null ? null
                : Collections.unmodifiableList(topology.stream().map(l -> l == null ? null : List.copyOf(l)).toList());
        gatewayNodes = gatewayNodes == null ? null : List.copyOf(gatewayNodes);
        serviceNodes = serviceNodes == null ? null : List.copyOf(serviceNodes);
        storageReplicas = storageReplicas == null ? null : List.copyOf(storageReplicas);
        sharedRandomCommit = sharedRandomCommit == null ? null : List.copyOf(sharedRandomCommit);
        sharedRandomReveal = sharedRandomReveal == null ? null : List.copyOf(sharedRandomReveal);
        sharedRandomValue = GoFields.copy(sharedRandomValue);
        priorSharedRandom = priorSharedRandom == null ? null
                : Collections.unmodifiableList(priorSharedRandom.stream().map(GoFields::copy).toList());
        sphinxGeometryHash = GoFields.copy(sphinxGeometryHash);
        version = version == null ? "" : version;
        pkiSignatureScheme = pkiSignatureScheme == null ? "" : pkiSignatureScheme;
    }

    /** Decodes a document body in either encoding. */
    public static DocumentBody decode(byte[] data) throws PkiException {
        try {
            return fromCbor(CborReader.decode(data));
        } catch (DecodeException e) {
            throw PkiException.malformed("document", e);
        } catch (IllegalArgumentException e) {
            throw PkiException.malformed("document", e);
        }
    }

    static DocumentBody fromCbor(CborValue v) throws DecodeException {
        CborMap m = v.asMap("document");
        List<List<MixDescriptor>> topology = null;
        List<CborValue> layers = GoFields.arrayOrNull(m, "Topology");
        if (layers != null) {
            topology = new ArrayList<>(layers.size());
            int i = 0;
            for (CborValue layer : layers) {
                topology.add(layer.isNull() ? null : descriptors(layer.asArray("Topology layer"), "Topology[" + i + "]"));
                i++;
            }
        }
        List<CborValue> gw = GoFields.arrayOrNull(m, "GatewayNodes");
        List<CborValue> sn = GoFields.arrayOrNull(m, "ServiceNodes");
        List<CborValue> sr = GoFields.arrayOrNull(m, "StorageReplicas");
        List<ReplicaDescriptor> replicas = null;
        if (sr != null) {
            replicas = new ArrayList<>(sr.size());
            for (CborValue r : sr) {
                if (r.isNull()) {
                    throw new DecodeException("StorageReplicas: null entry");
                }
                replicas.add(ReplicaDescriptor.fromCbor(r));
            }
        }
        List<CborValue> prior = GoFields.arrayOrNull(m, "PriorSharedRandom");
        List<byte[]> priorList = null;
        if (prior != null) {
            priorList = new ArrayList<>(prior.size());
            for (CborValue p : prior) {
                priorList.add(GoFields.bytes(p, "PriorSharedRandom entry"));
            }
        }
        return new DocumentBody(
                GoFields.uint(m, "Epoch", GoFields.UINT64),
                GoFields.uint(m, "GenesisEpoch", GoFields.UINT64),
                GoFields.uint(m, "SendRatePerMinute", GoFields.UINT64),
                GoFields.float64(m, "Mu"), GoFields.uint(m, "MuMaxDelay", GoFields.UINT64),
                GoFields.float64(m, "LambdaP"), GoFields.uint(m, "LambdaPMaxDelay", GoFields.UINT64),
                GoFields.float64(m, "LambdaL"), GoFields.uint(m, "LambdaLMaxDelay", GoFields.UINT64),
                GoFields.float64(m, "LambdaD"), GoFields.uint(m, "LambdaDMaxDelay", GoFields.UINT64),
                GoFields.float64(m, "LambdaM"), GoFields.uint(m, "LambdaMMaxDelay", GoFields.UINT64),
                GoFields.float64(m, "LambdaG"), GoFields.uint(m, "LambdaGMaxDelay", GoFields.UINT64),
                topology,
                gw == null ? null : descriptors(gw, "GatewayNodes"),
                sn == null ? null : descriptors(sn, "ServiceNodes"),
                replicas,
                sharedRandom(m, "SharedRandomCommit"),
                sharedRandom(m, "SharedRandomReveal"),
                GoFields.bytes(m, "SharedRandomValue"),
                priorList,
                GoFields.bytes(m, "SphinxGeometryHash"),
                GoFields.text(m, "Version"),
                GoFields.text(m, "PKISignatureScheme"));
    }

    private static List<MixDescriptor> descriptors(List<CborValue> items, String what) throws DecodeException {
        List<MixDescriptor> out = new ArrayList<>(items.size());
        for (CborValue item : items) {
            if (item instanceof CborValue.Bytes b) {
                byte[] nested = b.value();
                out.add(MixDescriptor.fromCbor(CborReader.decode(nested), nested));
            } else if (item instanceof CborMap map) {
                // The reference also decodes a descriptor given as a plain map.
                out.add(MixDescriptor.fromCbor(map, map.encodeCanonical()));
            } else if (item.isNull()) {
                // Go would keep a nil pointer and crash on first use; refuse it here.
                throw new DecodeException(what + ": null descriptor");
            } else {
                throw new DecodeException(what + ": expected descriptor bytes, got " + item.typeName());
            }
        }
        return out;
    }

    private static List<SharedRandomEntry> sharedRandom(CborMap m, String key) throws DecodeException {
        CborMap map = GoFields.mapOrNull(m, key);
        if (map == null) {
            return null;
        }
        List<SharedRandomEntry> out = new ArrayList<>(map.size());
        for (Map.Entry<CborValue, CborValue> e : map.entries()) {
            out.add(new SharedRandomEntry(e.getKey().asBytes(key + " key", 32), GoFields.bytes(e.getValue(), key)));
        }
        return out;
    }

    /** The 26-key map in Go struct order. */
    CborMap toCbor() {
        CborValue topo;
        if (topology == null) {
            topo = CborValue.nul();
        } else {
            List<CborValue> ls = new ArrayList<>(topology.size());
            for (List<MixDescriptor> layer : topology) {
                ls.add(descriptorArray(layer));
            }
            topo = new CborValue.Array(ls);
        }
        CborValue replicas = storageReplicas == null ? CborValue.nul()
                : new CborValue.Array(storageReplicas.stream().map(r -> (CborValue) r.toCbor()).toList());
        CborValue prior = priorSharedRandom == null ? CborValue.nul()
                : new CborValue.Array(priorSharedRandom.stream().map(CborValue::of).toList());
        return CborMap.builder()
                .put("Epoch", new CborValue.UInt(epoch))
                .put("GenesisEpoch", new CborValue.UInt(genesisEpoch))
                .put("SendRatePerMinute", new CborValue.UInt(sendRatePerMinute))
                .put("Mu", new CborValue.Float64(mu))
                .put("MuMaxDelay", new CborValue.UInt(muMaxDelay))
                .put("LambdaP", new CborValue.Float64(lambdaP))
                .put("LambdaPMaxDelay", new CborValue.UInt(lambdaPMaxDelay))
                .put("LambdaL", new CborValue.Float64(lambdaL))
                .put("LambdaLMaxDelay", new CborValue.UInt(lambdaLMaxDelay))
                .put("LambdaD", new CborValue.Float64(lambdaD))
                .put("LambdaDMaxDelay", new CborValue.UInt(lambdaDMaxDelay))
                .put("LambdaM", new CborValue.Float64(lambdaM))
                .put("LambdaMMaxDelay", new CborValue.UInt(lambdaMMaxDelay))
                .put("LambdaG", new CborValue.Float64(lambdaG))
                .put("LambdaGMaxDelay", new CborValue.UInt(lambdaGMaxDelay))
                .put("Topology", topo)
                .put("GatewayNodes", descriptorArray(gatewayNodes))
                .put("ServiceNodes", descriptorArray(serviceNodes))
                .put("StorageReplicas", replicas)
                .put("SharedRandomCommit", sharedRandomMap(sharedRandomCommit))
                .put("SharedRandomReveal", sharedRandomMap(sharedRandomReveal))
                .put("SharedRandomValue", CborValue.of(sharedRandomValue))
                .put("PriorSharedRandom", prior)
                .put("SphinxGeometryHash", CborValue.of(sphinxGeometryHash))
                .put("Version", version)
                .put("PKISignatureScheme", pkiSignatureScheme)
                .build();
    }

    private static CborValue descriptorArray(List<MixDescriptor> ds) {
        if (ds == null) {
            return CborValue.nul();
        }
        return new CborValue.Array(ds.stream().map(d -> (CborValue) new CborValue.Bytes(d.encode())).toList());
    }

    private static CborValue sharedRandomMap(List<SharedRandomEntry> entries) {
        if (entries == null) {
            return CborValue.nul();
        }
        CborMap.Builder b = CborMap.builder();
        for (SharedRandomEntry e : entries) {
            b.put(new CborValue.Bytes(e.keyHash), CborValue.of(e.value));
        }
        return b.build();
    }

    /** Canonical CBOR (the certified payload; the daemon's on-connect thin-client event). */
    public byte[] encodeCanonical() {
        return toCbor().encodeCanonical();
    }

    /** Go's default {@code cbor.Marshal} form (the daemon's later thin-client broadcasts). */
    public byte[] encodeDefault() {
        CborWriter w = new CborWriter(CborWriter.Mode.DEFAULT);
        w.value(toCbor());
        return w.toByteArray();
    }

    @Override
    public byte[] sharedRandomValue() {
        return GoFields.copy(sharedRandomValue);
    }

    @Override
    public byte[] sphinxGeometryHash() {
        return GoFields.copy(sphinxGeometryHash);
    }

    @Override
    public List<byte[]> priorSharedRandom() {
        return priorSharedRandom == null ? null : priorSharedRandom.stream().map(GoFields::copy).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DocumentBody d && Arrays.equals(encodeCanonical(), d.encodeCanonical());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(epoch);
    }

    @Override
    public String toString() {
        return "DocumentBody[epoch " + Long.toUnsignedString(epoch) + ", "
                + (topology == null ? 0 : topology.size()) + " layers, "
                + (gatewayNodes == null ? 0 : gatewayNodes.size()) + " gateways, "
                + (serviceNodes == null ? 0 : serviceNodes.size()) + " service nodes, "
                + (storageReplicas == null ? 0 : storageReplicas.size()) + " replicas]";
    }
}
