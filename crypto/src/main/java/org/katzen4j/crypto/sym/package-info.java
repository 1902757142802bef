/**
 * Symmetric primitives exactly as the reference uses them: BLAKE2b with a digest-length parameter
 * and optional key, BLAKE2Xb (hpqc's KEM adapter), HKDF (SHA-256 expand-only for Sphinx, BLAKE2b-512
 * for BACAP), HMAC, SHA-2/SHA-3/SHAKE, ChaCha20-Poly1305 (Noise), AES-CTR and ChaCha20 keystreams.
 * One-shot static helpers over BouncyCastle; each is checked against oracle vectors.
 */
package org.katzen4j.crypto.sym;
