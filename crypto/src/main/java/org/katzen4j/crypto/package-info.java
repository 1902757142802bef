/**
 * The hpqc schemes in Java, byte-compatible with katzenpost/hpqc v0.0.68: NIKE, KEM and signature
 * schemes by their hpqc names, raw key encodings, hpqc PEM, the key hash, and (in {@code sym}) the
 * symmetric primitives the reference uses. Depends on BouncyCastle only; knows nothing of Sphinx,
 * the wire, the PKI or the daemon. Sphinx's AEZ, BACAP, AES-GCM-SIV and CTIDH live in the modules
 * that use them.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * KemScheme kem = Schemes.kem("xwing");                 // case-insensitive; kem.name() == "XWING"
 * KemPublicKey link = kem.publicKeyFromPem(pemText);    // label must be "XWING PUBLIC KEY"
 * try (KemEncapsulation e = kem.encapsulate(link, random)) { send(e.ciphertext()); use(e.sharedSecret()); }
 *
 * SignatureScheme pki = Schemes.signature("Ed25519 Sphincs+");
 * boolean ok = pki.verify(pki.publicKeyFromBytes(raw), message, signature);
 * byte[] id = KeyHash.of(identityKey);                  // BLAKE2b-256 of the raw key
 * }</pre>
 *
 * <h2>Schemes</h2>
 * NIKE: {@code x25519}, {@code x448}. KEM: {@code XWING} (draft-01, composed from ML-KEM-768, X25519
 * and SHA3-256 with the label first), {@code MLKEM768}, the NIKE adapters {@code x25519} and
 * {@code x448}, the combiners {@code MLKEM768-X25519} and {@code MLKEM768-X448}, and the hybrid
 * {@code Kyber768-X25519} (Kyber round 3 built from ML-KEM pieces). Signatures:
 * {@code Ed25519}, {@code Ed448}, {@code Sphincs+} (round 3.1 shake-256f robust), and the hybrids
 * {@code Ed25519 Sphincs+} and {@code Ed448-Sphincs+}. Other hpqc names give
 * {@link org.katzen4j.crypto.CryptoException.Kind#UNSUPPORTED}.
 *
 * <h2>Rules</h2>
 * Keys are created only by their scheme, after checking length and content; arrays are copied in
 * and out; private keys and encapsulations are AutoCloseable and wipe their secrets; toString()
 * never shows key material. Every failure caused by input bytes is a checked
 * {@link org.katzen4j.crypto.CryptoException} with a {@code kind()}; misuse (a key of another
 * scheme, a closed key) is an unchecked exception. Randomness is always an injected
 * {@link java.security.SecureRandom}, consumed in the order Go consumes its reader where hpqc takes
 * one, so a deterministic stream reproduces Go's keys.
 */
package org.katzen4j.crypto;
