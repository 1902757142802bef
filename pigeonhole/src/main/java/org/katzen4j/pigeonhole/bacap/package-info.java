/**
 * BACAP (blinding-and-capability scheme) as in hpqc v0.0.68: {@link org.katzen4j.pigeonhole.bacap.WriteCap}
 * (168 bytes), {@link org.katzen4j.pigeonhole.bacap.ReadCap} (136), {@link org.katzen4j.pigeonhole.bacap.MessageBoxIndex}
 * (104), per-index box IDs and {@link org.katzen4j.pigeonhole.bacap.SealedBox} encryption. The Ed25519 scalar and
 * point arithmetic it needs is implemented here (constant time for secret scalars) over BouncyCastle's public
 * field arithmetic, and the payload cipher is the pre-RFC AES-GCM-SIV of agl/gcmsiv with a 16-byte nonce.
 */
package org.katzen4j.pigeonhole.bacap;
