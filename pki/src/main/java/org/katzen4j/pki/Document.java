package org.katzen4j.pki;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.katzen4j.sphinx.geo.Geometry;

/**
 * A consensus document whose certificate was verified against the configured authorities. Only
 * {@link UnverifiedDocument#verify} creates one. Gives the network parameters, the topology, the
 * services, the storage replicas, and the bytes to forward to thin clients.
 */
public final class Document implements NetworkTopology {
    private final byte[] raw;
    private final Certificate certificate;
    private final DocumentBody body;
    private final List<Authority> signers;

    Document(byte[] raw, Certificate certificate, DocumentBody body, List<Authority> signers) {
        this.raw = raw;
        this.certificate = certificate;
        this.body = body;
        this.signers = List.copyOf(signers);
    }

    /** All fields of the document. */
    public DocumentBody body() {
        return body;
    }

    @Override
    public long epoch() {
        return body.epoch();
    }

    /** The authorities whose signatures verified. */
    public List<Authority> signers() {
        return signers;
    }

    public Certificate certificate() {
        return certificate;
    }

    /** The whole signed certificate as received. */
    public byte[] certificateBytes() {
        return raw.clone();
    }

    /** The certified payload exactly as signed (canonical CBOR of the document). */
    public byte[] certified() {
        return certificate.certified();
    }

    /** Canonical re-encoding of the document, as the reference daemon sends it on connect. */
    public byte[] encodeCanonical() {
        return body.encodeCanonical();
    }

    /** Default-mode encoding, as the reference daemon broadcasts a new document. */
    public byte[] encodeDefault() {
        return body.encodeDefault();
    }

    /**
     * Refuses a document made for another Sphinx geometry. The reference client stops (panics)
     * here; callers should treat this as a fatal configuration error.
     */
    public void checkGeometry(Geometry configured) throws PkiException {
        if (!configured.hashEquals(body.sphinxGeometryHash())) {
            throw new PkiException(PkiException.Kind.GEOMETRY_MISMATCH, "document epoch " + epoch()
                    + " has SphinxGeometryHash " + GoFields.hexPrefix(body.sphinxGeometryHash())
                    + "…, configured geometry hashes to " + GoFields.hexPrefix(configured.hash()) + "…");
        }
    }

    // ---------------------------------------------------------------- topology

    @Override
    public List<List<MixDescriptor>> layers() {
        if (body.topology() == null) {
            return List.of();
        }
        List<List<MixDescriptor>> out = new ArrayList<>();
        for (List<MixDescriptor> l : body.topology()) {
            out.add(l == null ? List.of() : l);
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public List<MixDescriptor> gateways() {
        return body.gatewayNodes() == null ? List.of() : body.gatewayNodes();
    }

    @Override
    public List<MixDescriptor> serviceNodes() {
        return body.serviceNodes() == null ? List.of() : body.serviceNodes();
    }

    /** A uniformly random gateway, as the reference client picks one for each connection. */
    public Optional<MixDescriptor> chooseGateway(java.util.random.RandomGenerator random) {
        List<MixDescriptor> g = gateways();
        return g.isEmpty() ? Optional.empty() : Optional.of(g.get(random.nextInt(g.size())));
    }

    public List<ReplicaDescriptor> storageReplicas() {
        return body.storageReplicas() == null ? List.of() : body.storageReplicas();
    }

    private static Optional<MixDescriptor> find(List<MixDescriptor> ds, byte[] idHash) {
        for (MixDescriptor d : ds) {
            if (d.hasIdHash(idHash)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<MixDescriptor> gateway(byte[] idHash) {
        return find(gateways(), idHash);
    }

    @Override
    public Optional<MixDescriptor> serviceNode(byte[] idHash) {
        return find(serviceNodes(), idHash);
    }

    public Optional<MixDescriptor> mix(byte[] idHash) {
        for (List<MixDescriptor> l : layers()) {
            Optional<MixDescriptor> d = find(l, idHash);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<MixDescriptor> node(byte[] idHash) {
        return mix(idHash).or(() -> gateway(idHash)).or(() -> serviceNode(idHash));
    }

    @Override
    public Optional<Integer> layerOf(byte[] idHash) {
        if (gateway(idHash).isPresent()) {
            return Optional.of(LAYER_GATEWAY);
        }
        if (serviceNode(idHash).isPresent()) {
            return Optional.of(LAYER_SERVICE);
        }
        List<List<MixDescriptor>> ls = layers();
        for (int i = 0; i < ls.size(); i++) {
            if (find(ls.get(i), idHash).isPresent()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** A node of any kind by name. */
    public Optional<MixDescriptor> nodeByName(String name) {
        for (List<MixDescriptor> l : layers()) {
            for (MixDescriptor d : l) {
                if (d.name().equals(name)) {
                    return Optional.of(d);
                }
            }
        }
        for (MixDescriptor d : gateways()) {
            if (d.name().equals(name)) {
                return Optional.of(d);
            }
        }
        return serviceNodes().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public Optional<ReplicaDescriptor> replica(byte[] idHash) {
        for (ReplicaDescriptor r : storageReplicas()) {
            if (GoFields.constantTimeEquals(r.idHash(), idHash)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- services

    /**
     * Every service node offering {@code capability} (e.g. {@code "echo"}, {@code "courier"}),
     * in document order, with its endpoint. Entries without a text endpoint are skipped.
     */
    public List<ServiceAddress> services(String capability) {
        List<ServiceAddress> out = new ArrayList<>();
        for (MixDescriptor d : serviceNodes()) {
            if (d.identityKey() == null) {
                continue;
            }
            d.endpoint(capability).ifPresent(ep -> out.add(new ServiceAddress(capability, d, ep)));
        }
        return Collections.unmodifiableList(out);
    }

    /** All capabilities offered by any service node, sorted. */
    public List<String> capabilities() {
        java.util.TreeSet<String> caps = new java.util.TreeSet<>();
        for (MixDescriptor d : serviceNodes()) {
            if (d.kaetzchen() != null) {
                caps.addAll(d.kaetzchen().keySet());
            }
        }
        return List.copyOf(caps);
    }

 /**
     * A human-readable description of the network: epoch, signers, mix layers, gateways with
     * their addresses, service nodes with their services, storage replicas. Node IDs are shown
     * as the first 8 bytes of their hash.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("epoch ").append(Long.toUnsignedString(epoch())).append(" (genesis ")
                .append(Long.toUnsignedString(body.genesisEpoch())).append("), signed by ")
                .append(signers.stream().map(Authority::name).toList()).append('\n');
        sb.append(String.format("mu %s (max %d ms), lambdaP %s, lambdaL %s, lambdaD %s, send rate %d/min%n",
                body.mu(), body.muMaxDelay(), body.lambdaP(), body.lambdaL(), body.lambdaD(), body.sendRatePerMinute()));
        List<List<MixDescriptor>> ls = layers();
        for (int i = 0; i < ls.size(); i++) {
            sb.append("layer ").append(i).append(':');
            for (MixDescriptor d : ls.get(i)) {
                sb.append(' ').append(d.name()).append(" [").append(GoFields.hexPrefix(d.idHash())).append(']');
            }
            sb.append('\n');
        }
        for (MixDescriptor d : gateways()) {
            sb.append("gateway ").append(d.name()).append(" [").append(GoFields.hexPrefix(d.idHash())).append("] ")
                    .append(d.addresses()).append('\n');
        }
        for (MixDescriptor d : serviceNodes()) {
            sb.append("service node ").append(d.name()).append(" [").append(GoFields.hexPrefix(d.idHash())).append(']');
            if (d.kaetzchen() != null) {
                for (String cap : new java.util.TreeSet<>(d.kaetzchen().keySet())) {
                    sb.append(' ').append(cap).append("->").append(d.endpoint(cap).orElse("?"));
                }
            }
            sb.append('\n');
        }
        for (ReplicaDescriptor r : storageReplicas()) {
            sb.append("replica ").append(r.name()).append(" [").append(GoFields.hexPrefix(r.idHash())).append("] ")
                    .append(r.addresses()).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Document[" + body + ", signed by " + signers.stream().map(Authority::name).toList() + "]";
    }
}
