/**
 * The hpqc schemes in Java: NIKE, KEM and signature schemes by their hpqc names, key encodings, PEM, hashing and symmetric primitives, byte-compatible with katzenpost/hpqc v0.0.68. Depends on BouncyCastle only; knows nothing of Sphinx, the wire, the PKI or the daemon.
 */
package org.katzen4j.crypto;
