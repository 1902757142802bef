package org.katzen4j.thinclient;

import java.util.Objects;

import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.Hash256;

/**
 * Where a service lives: the node's destination id hash (BLAKE2b-256 of its identity key) and
 * the recipient queue id (UTF-8 bytes of the capability's endpoint).
 */
public record Destination(String capability, String nodeName, Hash256 idHash, Blob queueId) {
    public Destination {
        Objects.requireNonNull(idHash);
        Objects.requireNonNull(queueId);
    }
}
