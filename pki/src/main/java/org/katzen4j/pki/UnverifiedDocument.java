package org.katzen4j.pki;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A consensus certificate as received from a gateway, not yet trusted. The only way to a usable
 * {@link Document} is {@link #verify}: the certificate must not be expired, at least the
 * threshold number of configured authorities must have validly signed it, and its payload must
 * decode as a document (for the epoch asked for, in the three-argument form).
 */
public final class UnverifiedDocument {
    private final byte[] raw;
    private final Certificate certificate;

    private UnverifiedDocument(byte[] raw, Certificate certificate) {
        this.raw = raw;
        this.certificate = certificate;
    }

    /** Decodes the certificate wrapper; the document inside is decoded only after verification. */
    public static UnverifiedDocument parse(byte[] certificateBytes) throws PkiException {
        Objects.requireNonNull(certificateBytes, "certificateBytes");
        byte[] copy = certificateBytes.clone();
        return new UnverifiedDocument(copy, Certificate.decode(copy));
    }

    public Certificate certificate() {
        return certificate;
    }

    /** The epoch from which the certificate is expired (document epoch + 5 for a consensus). */
    public long expiration() {
        return certificate.expiration();
    }

    /** Verifies and decodes, without constraining which epoch the document is for. */
    public Document verify(AuthoritySet authorities, EpochClock clock) throws PkiException {
        certificate.checkNotExpired(clock.currentEpoch());
        List<Authority> signers = checkSignatures(authorities);
        DocumentBody body = DocumentBody.decode(certificate.certified());
        return new Document(raw, certificate, body, signers);
    }

    /** As {@link #verify(AuthoritySet, EpochClock)}, and the document must be for {@code expectedEpoch}. */
    public Document verify(AuthoritySet authorities, EpochClock clock, long expectedEpoch) throws PkiException {
        Document d = verify(authorities, clock);
        if (d.epoch() != expectedEpoch) {
            throw new PkiException(PkiException.Kind.WRONG_EPOCH, "asked for epoch " + expectedEpoch
                    + " but the document is for epoch " + Long.toUnsignedString(d.epoch()));
        }
        return d;
    }

    /**
     * The reference rule: each configured authority counts once if a signature filed under its
     * key hash verifies over the certificate message; signatures by unknown keys are ignored.
     */
    private List<Authority> checkSignatures(AuthoritySet authorities) throws PkiException {
        List<Certificate.Signature> sigs = certificate.signatureList();
        if (sigs.isEmpty()) {
            throw new PkiException(PkiException.Kind.UNDER_SIGNED, "document not signed (need "
                    + authorities.threshold() + " of " + authorities.size() + " authorities)");
        }
        byte[] message = certificate.signedMessage();
        Set<String> counted = new LinkedHashSet<>();
        List<Authority> good = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (Authority a : authorities.authorities()) {
            byte[] id = a.keyHash();
            String idHex = java.util.HexFormat.of().formatHex(id);
            if (counted.contains(idHex)) {
                continue;
            }
            boolean present = false;
            boolean valid = false;
            for (Certificate.Signature s : sigs) {
                if (s.signedBy(id)) {
                    present = true;
                    if (a.verifies(message, s.payload())) {
                        valid = true;
                        break;
                    }
                }
            }
            if (valid) {
                counted.add(idHex);
                good.add(a);
            } else if (present) {
                bad.add(a.name());
            }
        }
        if (good.size() >= authorities.threshold()) {
            return List.copyOf(good);
        }
        String detail = good.size() + " valid authority signatures, " + authorities.threshold() + " of "
                + authorities.size() + " required";
        if (!bad.isEmpty()) {
            throw new PkiException(PkiException.Kind.FORGED_SIGNATURE, "signature(s) attributed to " + bad
                    + " do not verify; " + detail);
        }
        throw new PkiException(PkiException.Kind.UNDER_SIGNED, detail);
    }

    @Override
    public String toString() {
        return "UnverifiedDocument[" + certificate + "]";
    }
}
