package org.katzen4j.pki;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a service (Kaetzchen capability such as {@code echo} or {@code courier}) can be reached:
 * the service node's ID (BLAKE2b-256 of its identity key) and the endpoint queue name, whose
 * UTF-8 bytes are the Sphinx recipient.
 */
public record ServiceAddress(String capability, MixDescriptor node, String endpoint) {

    public ServiceAddress {
        Objects.requireNonNull(capability);
        Objects.requireNonNull(node);
        Objects.requireNonNull(endpoint);
    }

    public byte[] nodeIdHash() {
        return node.idHash();
    }

    public byte[] recipient() {
        return endpoint.getBytes(StandardCharsets.UTF_8);
    }
}
