package org.katzen4j.pki;

/**
 * Obtains the signed consensus certificate for an epoch, e.g. over the gateway wire session
 * ({@code GetConsensus2} and the de-chunked, gunzipped reply; the daemon adapts wire's {@code
 * GatewayClient.fetchConsensus}: FOUND gives the bytes, NOT_FOUND/GONE map to the kinds below, a
 * {@code WireException} to UNAVAILABLE). Implementations report "no
 * document yet" as {@link PkiException.Kind#NOT_FOUND}, "never" as {@link PkiException.Kind#GONE}
 * and transport trouble (not connected, timeout, I/O) as {@link PkiException.Kind#UNAVAILABLE}.
 */
@FunctionalInterface
public interface ConsensusSource {

    /** The raw certificate bytes for {@code epoch}; blocks until they arrive or the fetch fails. */
    byte[] fetchConsensus(long epoch) throws PkiException, InterruptedException;
}
