/**
 * Not API. The Sphinx primitives (HKDF-Expand key schedule, HMAC-SHA-256, AES-256-CTR, SHA-512/256,
 * ChaCha20 blinding stream) and the hand-written AEZ v5 payload SPRP.
 */
package org.katzen4j.sphinx.internal;
