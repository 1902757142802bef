package org.katzen4j.daemon.engine;

import java.util.Arrays;
import java.util.Optional;

/** The current gateway session as the send path sees it (implemented by {@link GatewayService}, faked in tests). */
public interface GatewayLink {

    /** One established session: the gateway's id hash and our queue id there (the SURB recipient). */
    record Session(long serial, byte[] gatewayIdHash, byte[] queueId) {
        public Session {
            gatewayIdHash = gatewayIdHash.clone();
            queueId = queueId.clone();
        }

        @Override
        public byte[] gatewayIdHash() {
            return gatewayIdHash.clone();
        }

        @Override
        public byte[] queueId() {
            return queueId.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Session s && s.serial == serial && Arrays.equals(s.gatewayIdHash, gatewayIdHash);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(serial);
        }

        @Override
        public String toString() {
            return "Session[" + serial + "]";
        }
    }

    /** The session packets go to now, if connected. */
    Optional<Session> session();

    /**
     * Writes one packet on {@code session}; blocks until written. Fails with "not connected" if
     * that session is no longer the current one.
     */
    void sendPacket(Session session, byte[] packet) throws SendException;
}
