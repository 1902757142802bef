package org.katzen4j.daemon.engine;

import java.util.List;
import java.util.Optional;

import org.katzen4j.pki.Document;
import org.katzen4j.pki.MixDescriptor;
import org.katzen4j.sphinx.path.PathNode;
import org.katzen4j.sphinx.path.Topology;

/** Adapts the pki module's descriptors to what sphinx path selection needs. */
final class NodeView implements PathNode {
    private final MixDescriptor d;

    NodeView(MixDescriptor d) {
        this.d = d;
    }

    @Override
    public byte[] idHash() {
        return d.idHash();
    }

    @Override
    public Optional<byte[]> mixKey(long epoch) {
        return d.mixKey(epoch);
    }

    static Topology topology(Document doc) {
        List<List<NodeView>> layers = doc.layers().stream()
                .map(l -> l.stream().map(NodeView::new).toList())
                .toList();
        return () -> layers;
    }
}
