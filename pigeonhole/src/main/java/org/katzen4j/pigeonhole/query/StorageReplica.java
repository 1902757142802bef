package org.katzen4j.pigeonhole.query;

/**
 * What query preparation needs of one storage replica of the PKI document, in document order: its
 * identity key (for sharding) and its MKEM envelope public key for the current replica epoch (null if
 * the descriptor has none for that epoch).
 */
public record StorageReplica(byte[] identityKey, byte[] envelopePublicKey) {
    public StorageReplica {
        identityKey = identityKey.clone();
        envelopePublicKey = envelopePublicKey == null ? null : envelopePublicKey.clone();
    }

    @Override
    public byte[] identityKey() {
        return identityKey.clone();
    }

    @Override
    public byte[] envelopePublicKey() {
        return envelopePublicKey == null ? null : envelopePublicKey.clone();
    }
}
