/**
 * The wire session to a gateway: the post-quantum Noise handshake, transport framing and every wire command with its padding. Depends on crypto and sphinx (command sizes come from the geometry); knows nothing of the PKI worker or the daemon.
 */
package org.katzen4j.wire;
