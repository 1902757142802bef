package org.katzen4j.pki;

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

/**
 * A Pigeonhole storage replica as listed in {@code StorageReplicas}. Unlike mix descriptors it is
 * a plain nested map in the document: {@code Name} text, {@code Epoch} uint, {@code IdentityKey}
 * bytes, {@code LinkKey} bytes, {@code EnvelopeKeys} {uint replica epoch: NIKE public key},
 * {@code Addresses} {transport: [url]}.
 */
public record ReplicaDescriptor(String name, long epoch, byte[] identityKey, byte[] linkKey,
        Map<Long, byte[]> envelopeKeys, Map<String, List<String>> addresses) {

    public ReplicaDescriptor {
        Objects.requireNonNull(name, "name");
        identityKey = GoFields.copy(identityKey);
        linkKey = GoFields.copy(linkKey);
        envelopeKeys = GoFields.copyKeys(envelopeKeys);
        addresses = addresses == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(addresses));
    }

    /** Decodes a standalone replica descriptor (canonical CBOR map). */
    public static ReplicaDescriptor decode(byte[] data) throws PkiException {
        try {
            return fromCbor(CborReader.decode(data));
        } catch (DecodeException e) {
            throw PkiException.malformed("ReplicaDescriptor", e);
        }
    }

    static ReplicaDescriptor fromCbor(CborValue v) throws DecodeException {
        CborMap m = v.asMap("ReplicaDescriptor");
        return new ReplicaDescriptor(GoFields.text(m, "Name"), GoFields.uint(m, "Epoch", GoFields.UINT64),
                GoFields.bytes(m, "IdentityKey"), GoFields.bytes(m, "LinkKey"),
                GoFields.uintKeyedBytes(m, "EnvelopeKeys"), GoFields.addresses(m, "Addresses"));
    }

    CborMap toCbor() {
        return CborMap.builder()
                .put("Name", name)
                .put("Epoch", new CborValue.UInt(epoch))
                .put("IdentityKey", CborValue.of(identityKey))
                .put("LinkKey", CborValue.of(linkKey))
                .put("EnvelopeKeys", GoFields.ofUintKeyedBytes(envelopeKeys))
                .put("Addresses", GoFields.ofAddresses(addresses))
                .build();
    }

    /** Canonical CBOR, as the reference's ReplicaDescriptor.Marshal. */
    public byte[] encode() {
        return toCbor().encodeCanonical();
    }

    @Override
    public byte[] identityKey() {
        return GoFields.copy(identityKey);
    }

    @Override
    public byte[] linkKey() {
        return GoFields.copy(linkKey);
    }

    @Override
    public Map<Long, byte[]> envelopeKeys() {
        return GoFields.copyKeys(envelopeKeys);
    }

    /** BLAKE2b-256 of the identity key, or null without one. */
    public byte[] idHash() {
        return identityKey == null ? null : GoFields.keyHash(identityKey);
    }

    public Optional<byte[]> envelopeKey(long replicaEpoch) {
        return envelopeKeys == null ? Optional.empty() : Optional.ofNullable(GoFields.copy(envelopeKeys.get(replicaEpoch)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplicaDescriptor r && java.util.Arrays.equals(encode(), r.encode());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "ReplicaDescriptor[" + name + " id=" + GoFields.hexPrefix(idHash()) + " addresses=" + addresses + "]";
    }
}
