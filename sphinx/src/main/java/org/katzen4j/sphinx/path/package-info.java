/**
 * Client path selection (reference {@code core/sphinx/path} and {@code client2/send.go}): forward
 * and reverse paths over a {@link org.katzen4j.sphinx.path.Topology} of
 * {@link org.katzen4j.sphinx.path.PathNode}s, per-hop delays from
 * {@link org.katzen4j.sphinx.path.DelayPolicy} (Mu, MuMaxDelay), epoch keys via
 * {@link org.katzen4j.sphinx.path.EpochClock}, and {@link org.katzen4j.sphinx.path.PacketComposer}
 * which turns one message into a packet (+ SURB keys and the round-trip estimate).
 */
package org.katzen4j.sphinx.path;
