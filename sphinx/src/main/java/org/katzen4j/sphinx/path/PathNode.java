package org.katzen4j.sphinx.path;

import java.util.Optional;

/**
 * A node as path selection sees it: its id hash (BLAKE2b-256 of the identity key, 32 bytes) and
 * its Sphinx mix public key per epoch (raw bytes for the geometry's NIKE or KEM scheme). The pki
 * module adapts its descriptors to this.
 */
public interface PathNode {

    /** BLAKE2b-256 of the node's identity key. */
    byte[] idHash();

    /** The node's mix public key for {@code epoch}, empty if the descriptor has none. */
    Optional<byte[]> mixKey(long epoch);
}
