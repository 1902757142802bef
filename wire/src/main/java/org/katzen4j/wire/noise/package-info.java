/**
 * Noise Protocol Framework pieces for the wire handshake: the {@code pqXX} KEM pattern
 * ({@link org.katzen4j.wire.noise.PqXXHandshake}), SymmetricState over BLAKE2b-512 and
 * {@link org.katzen4j.wire.noise.CipherState} over ChaCha20-Poly1305, exactly as nyquist v0.0.10
 * computes them. No Java Noise library supports KEM patterns, so this is written for the purpose.
 */
package org.katzen4j.wire.noise;
