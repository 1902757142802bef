package org.katzen4j.wire;

/**
 * Fetches the signed consensus for an epoch over the current gateway session (what the PKI
 * document cache calls). Implemented by {@link GatewayClient}.
 */
@FunctionalInterface
public interface ConsensusFetcher {
    /**
     * @return the gateway's answer; the certificate is not verified here
     * @throws WireException if there is no usable session, or the session failed while fetching
     */
    ConsensusReply fetchConsensus(long epoch) throws WireException, InterruptedException;
}
