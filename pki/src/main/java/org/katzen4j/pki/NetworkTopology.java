package org.katzen4j.pki;

import java.util.List;
import java.util.Optional;

/**
 * The shape of the mix network one document describes, as a path selector needs it: the mix
 * layers in order, the gateways, the service nodes, and lookups by node ID (BLAKE2b-256 of the
 * identity key). Layer numbers follow the reference: the index into the mix layers, {@link
 * #LAYER_GATEWAY} for gateways and {@link #LAYER_SERVICE} for service nodes.
 */
public interface NetworkTopology {

    int LAYER_GATEWAY = 255;
    int LAYER_SERVICE = 254;

    /** The epoch whose document this is (hops use {@link MixDescriptor#mixKey} of an epoch). */
    long epoch();

    /** Mix layers in path order; never null (a nil topology is empty). */
    List<List<MixDescriptor>> layers();

    List<MixDescriptor> gateways();

    List<MixDescriptor> serviceNodes();

    /** The mix, gateway or service node with this ID. */
    Optional<MixDescriptor> node(byte[] idHash);

    Optional<MixDescriptor> gateway(byte[] idHash);

    Optional<MixDescriptor> serviceNode(byte[] idHash);

    /** The layer number of the node with this ID, if it is listed. */
    Optional<Integer> layerOf(byte[] idHash);
}
