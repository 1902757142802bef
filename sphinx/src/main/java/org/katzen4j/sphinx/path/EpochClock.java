package org.katzen4j.sphinx.path;

/**
 * Maps a unix time (seconds) to a Katzenpost epoch number, for choosing each hop's key by the epoch
 * in which the packet reaches it. The epoch arithmetic itself belongs to the PKI layer:
 * {@code org.katzen4j.pki.EpochTime} implements this interface.
 */
@FunctionalInterface
public interface EpochClock {

    long epochOf(long unixSeconds);
}
