package org.katzen4j.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

import org.katzen4j.crypto.sym.Hashes;

/**
 * CRYSTALS-Kyber768 round 3 (circl {@code kem/kyber/kyber768}), used by hpqc only inside the
 * {@code "Kyber768-X25519"} hybrid. Built from ML-KEM-768 because the two share K-PKE and the key
 * layout: Kyber hashes the encapsulation seed first ({@code m = SHA3-256(seed)}), and derives the
 * secret as {@code SHAKE-256(K̄ ‖ SHA3-256(c))} (or {@code z} instead of {@code K̄} on rejection),
 * where ML-KEM returns {@code K̄} (or {@code SHAKE-256(z ‖ c)}) directly.
 *
 * <pre>
 * public key  (1184) = t ‖ ρ
 * private key (2400) = s (1152) ‖ public key (1184) ‖ SHA3-256(public key) ‖ z
 * ciphertext  (1088), shared secret (32)
 * </pre>
 */
final class Kyber768Kem implements KemScheme {
    static final String NAME = "Kyber768";
    static final Kyber768Kem INSTANCE = new Kyber768Kem();

    private Kyber768Kem() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int publicKeySize() {
        return MlKem768.PUBLIC_SIZE;
    }

    @Override
    public int privateKeySize() {
        return MlKem768.DECAPS_SIZE;
    }

    @Override
    public int ciphertextSize() {
        return MlKem768.CIPHERTEXT_SIZE;
    }

    @Override
    public int sharedSecretSize() {
        return 32;
    }

    @Override
    public KemPrivateKey generate(SecureRandom random) {
        byte[][] kp = MlKem768.generate(random);
        try {
            return new KemPrivateKey(this, kp[1], new KemPublicKey(this, kp[0]));
        } finally {
            Arrays.fill(kp[1], (byte) 0);
        }
    }

    @Override
    public int seedSize() {
        return 64;
    }

    /** Seed = d (32) ‖ z (32), as circl's {@code NewKeyFromSeed}. */
    @Override
    public KemPrivateKey deriveKeyPair(byte[] seed) throws CryptoException {
        if (seed.length != 64) {
            throw CryptoException.wrongSize(NAME, "seed", 64, seed.length);
        }
        byte[][] kp = MlKemDraftKeyGen.generate(Arrays.copyOf(seed, 32), Arrays.copyOfRange(seed, 32, 64));
        try {
            return new KemPrivateKey(this, kp[1], new KemPublicKey(this, kp[0]));
        } finally {
            Arrays.fill(kp[1], (byte) 0);
        }
    }

    /** Draws the 32-byte encapsulation seed from {@code random} (circl {@code EncapsulateTo(ct, ss, seed)}). */
    @Override
    public KemEncapsulation encapsulate(KemPublicKey publicKey, SecureRandom random) throws CryptoException {
        check(publicKey.scheme());
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        byte[] m = Hashes.sha3_256(seed);
        byte[][] r = MlKem768.encapsulate(publicKey.raw(), m);
        byte[] ss = Hashes.shake256(32, r[1], Hashes.sha3_256(r[0]));
        Arrays.fill(seed, (byte) 0);
        Arrays.fill(m, (byte) 0);
        Arrays.fill(r[1], (byte) 0);
        try {
            return new KemEncapsulation(r[0], ss);
        } finally {
            Arrays.fill(ss, (byte) 0);
        }
    }

    @Override
    public byte[] decapsulate(KemPrivateKey privateKey, byte[] ciphertext) throws CryptoException {
        check(privateKey.scheme());
        if (ciphertext.length != MlKem768.CIPHERTEXT_SIZE) {
            throw CryptoException.wrongSize(NAME, "ciphertext", MlKem768.CIPHERTEXT_SIZE, ciphertext.length);
        }
        byte[] dk = privateKey.raw();
        byte[] z = Arrays.copyOfRange(dk, MlKem768.DECAPS_SIZE - 32, MlKem768.DECAPS_SIZE);
        byte[] k = MlKem768.decapsulate(dk, ciphertext);
        // ML-KEM's implicit rejection value; equal to k only if re-encryption failed.
        byte[] rejected = Hashes.shake256(32, z, ciphertext);
        int diff = 0;
        for (int i = 0; i < 32; i++) {
            diff |= (k[i] ^ rejected[i]) & 0xff;
        }
        int mask = ((diff - 1) >> 31); // -1 if k equals the rejection value, else 0
        byte[] hc = Hashes.sha3_256(ciphertext);
        byte[] accept = Hashes.shake256(32, k, hc);
        byte[] reject = Hashes.shake256(32, z, hc);
        byte[] result = new byte[32];
        for (int i = 0; i < 32; i++) {
            result[i] = (byte) (accept[i] ^ (mask & (accept[i] ^ reject[i])));
        }
        Arrays.fill(z, (byte) 0);
        Arrays.fill(k, (byte) 0);
        Arrays.fill(accept, (byte) 0);
        Arrays.fill(reject, (byte) 0);
        return result;
    }

    @Override
    public KemPublicKey publicKeyFromBytes(byte[] encoded) throws CryptoException {
        if (encoded.length != MlKem768.PUBLIC_SIZE) {
            throw CryptoException.wrongSize(NAME, "public key", MlKem768.PUBLIC_SIZE, encoded.length);
        }
        MlKem768.checkPublic(NAME, encoded, 0);
        return new KemPublicKey(this, encoded);
    }

    @Override
    public KemPrivateKey privateKeyFromBytes(byte[] encoded) throws CryptoException {
        if (encoded.length != MlKem768.DECAPS_SIZE) {
            throw CryptoException.wrongSize(NAME, "private key", MlKem768.DECAPS_SIZE, encoded.length);
        }
        MlKem768.checkPrivate(NAME, encoded, 0);
        return new KemPrivateKey(this, encoded, new KemPublicKey(this, Arrays.copyOfRange(encoded, 1152, 1152 + MlKem768.PUBLIC_SIZE)));
    }

    private void check(KemScheme s) {
        if (s != this) {
            throw new IllegalArgumentException("key of scheme " + s.name() + " used with " + NAME);
        }
    }

    @Override
    public String toString() {
        return NAME;
    }
}
