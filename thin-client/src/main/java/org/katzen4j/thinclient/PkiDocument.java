package org.katzen4j.thinclient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.katzen4j.pki.DocumentBody;
import org.katzen4j.pki.MixDescriptor;
import org.katzen4j.pki.PkiException;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.Hash256;

/**
 * A PKI document as the daemon forwards it (the reference's Document without signatures, in
 * canonical or default CBOR): the exact bytes, and the body parsed by the pki module.
 */
public final class PkiDocument {
    private final byte[] raw;
    private final DocumentBody body;

    private PkiDocument(byte[] raw, DocumentBody body) {
        this.raw = raw;
        this.body = body;
    }

    public static PkiDocument parse(byte[] payload) throws PkiException {
        return new PkiDocument(payload.clone(), DocumentBody.decode(payload));
    }

    /** The payload exactly as received. */
    public byte[] bytes() {
        return raw.clone();
    }

    public DocumentBody body() {
        return body;
    }

    public long epoch() {
        return body.epoch();
    }

    /** Every service node offering {@code capability}, in document order (the reference's FindServices). */
    public List<Destination> services(String capability) {
        List<Destination> out = new ArrayList<>();
        List<MixDescriptor> nodes = body.serviceNodes() == null ? List.of() : body.serviceNodes();
        for (MixDescriptor d : nodes) {
            if (d.identityKey() == null) {
                continue;
            }
            d.endpoint(capability).ifPresent(ep -> out.add(
                    new Destination(capability, d.name(), Hash256.of(d.idHash()), Blob.utf8(ep))));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        return "PkiDocument[epoch " + body.epoch() + ", " + raw.length + " bytes]";
    }
}
