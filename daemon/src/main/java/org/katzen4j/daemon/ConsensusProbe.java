package org.katzen4j.daemon;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import org.katzen4j.config.ClientConfig;
import org.katzen4j.crypto.CryptoException;
import org.katzen4j.crypto.KemScheme;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.pki.AuthoritySet;
import org.katzen4j.pki.Document;
import org.katzen4j.pki.EpochClock;
import org.katzen4j.pki.EpochTime;
import org.katzen4j.pki.PkiException;
import org.katzen4j.pki.UnverifiedDocument;
import org.katzen4j.wire.ConsensusReply;
import org.katzen4j.wire.GatewayClient;
import org.katzen4j.wire.GatewayConnector;
import org.katzen4j.wire.WireException;

/**
 * A one-shot look at the network without starting the daemon: dial a pinned gateway from the
 * config (post-quantum handshake, gateway keys checked), fetch the consensus for the current
 * epoch over the wire, verify it against the configured directory authorities and the configured
 * Sphinx geometry, and describe the topology and services. Backs {@code kpclientd --show-consensus}.
 */
public final class ConsensusProbe {

    /** What the probe found. */
    public record Result(String gateway, String address, long epoch, Document document) {
    }

    /** A probe failure: every gateway unreachable, no consensus, or a consensus that does not verify. */
    public static final class ProbeException extends Exception {
        private static final long serialVersionUID = 1L;

        ProbeException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ConsensusProbe() {
    }

    public static Result run(ClientConfig cfg, EpochTime epochTime, Clock clock, SecureRandom rng)
            throws ProbeException, InterruptedException {
        AuthoritySet authorities;
        KemScheme wireKem;
        try {
            authorities = DaemonAssembly.authorities(cfg);
            wireKem = Schemes.kem(cfg.wireKemScheme());
        } catch (PkiException | CryptoException e) {
            throw new ProbeException("configuration: " + e.getMessage(), e);
        }
        GatewayConnector connector = DaemonAssembly.connector(cfg, wireKem, rng);
        ProbeException last = null;
        for (GatewayConnector.Gateway gw : DaemonAssembly.pinnedGateways(cfg)) {
            String name = gw.name();
            try {
                GatewayConnector.Connection conn = connector.connect(gw);
                try (GatewayClient client = new GatewayClient(conn.session(), new GatewayClient.Listener() {
                }, Duration.ofSeconds(30), Duration.ofSeconds(30), GatewayClient.DEFAULT_CONSENSUS_TIMEOUT).start()) {
                    long epoch = epochTime.currentEpoch(clock);
                    ConsensusReply reply = client.fetchConsensus(epoch);
                    if (reply.status() != ConsensusReply.Status.FOUND) {
                        throw new ProbeException("gateway " + name + " has no consensus for epoch " + epoch
                                + " (" + reply.status() + ")", null);
                    }
                    Document doc = UnverifiedDocument.parse(reply.certificate())
                            .verify(authorities, new EpochClock(epochTime, clock), epoch);
                    doc.checkGeometry(cfg.sphinxGeometry());
                    return new Result(name, conn.address(), epoch, doc);
                }
            } catch (WireException e) {
                last = new ProbeException("gateway " + name + ": " + e.getMessage(), e);
            } catch (PkiException e) {
                throw new ProbeException("consensus from gateway " + name + " rejected: " + e.getMessage(), e);
            }
        }
        throw last != null ? last : new ProbeException("no pinned gateway in the configuration", null);
    }
}
