package org.katzen4j.wire;

import java.util.Arrays;

/**
 * What a gateway answered to a consensus request: the signed consensus (the raw CBOR certificate,
 * still to be verified by the PKI layer), or that it has none for that epoch.
 */
public record ConsensusReply(long epoch, Status status, byte[] certificate) {
    public enum Status {
        /** {@link #certificate()} holds the bytes. */
        FOUND,
        /** Nothing for this epoch yet (error code 1, or the empty document Go gateways send); retry later. */
        NOT_FOUND,
        /** The gateway will never have it (error code 2). */
        GONE
    }

    public ConsensusReply {
        certificate = certificate == null ? new byte[0] : certificate.clone();
        if ((status == Status.FOUND) == (certificate.length == 0)) {
            throw new IllegalArgumentException("FOUND iff there are certificate bytes");
        }
    }

    @Override
    public byte[] certificate() {
        return certificate.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsensusReply r && epoch == r.epoch && status == r.status
                && Arrays.equals(certificate, r.certificate);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(epoch) * 31 + status.hashCode();
    }

    @Override
    public String toString() {
        return "ConsensusReply[epoch=" + epoch + ", " + status + ", " + certificate.length + " bytes]";
    }
}
