package org.katzen4j.sphinx.path;

import java.util.List;

/** The mix layers of one PKI document, in order (the document's Topology). */
@FunctionalInterface
public interface Topology {
    List<? extends List<? extends PathNode>> layers();
}
