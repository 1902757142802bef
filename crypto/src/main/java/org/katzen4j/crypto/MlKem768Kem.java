package org.katzen4j.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * hpqc {@code kem/mlkem768} (name {@code "MLKEM768"}). Public key 1184 bytes; ciphertext 1088;
 * shared secret 32; hpqc private key 3584 bytes = expanded decapsulation key (2400) ‖ public key
 * (1184). See {@link MlKem768} for the draft-vs-final FIPS 203 note.
 */
final class MlKem768Kem implements KemScheme {
    static final String NAME = "MLKEM768";
    static final int PRIVATE_SIZE = MlKem768.DECAPS_SIZE + MlKem768.PUBLIC_SIZE;
    static final MlKem768Kem INSTANCE = new MlKem768Kem();

    private MlKem768Kem() {
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
        return PRIVATE_SIZE;
    }

    @Override
    public int ciphertextSize() {
        return MlKem768.CIPHERTEXT_SIZE;
    }

    @Override
    public int sharedSecretSize() {
        return MlKem768.SHARED_SIZE;
    }

    @Override
    public KemPrivateKey generate(SecureRandom random) {
        byte[][] kp = MlKem768.generate(random);
        byte[] sk = new byte[PRIVATE_SIZE];
        System.arraycopy(kp[1], 0, sk, 0, MlKem768.DECAPS_SIZE);
        System.arraycopy(kp[0], 0, sk, MlKem768.DECAPS_SIZE, MlKem768.PUBLIC_SIZE);
        Arrays.fill(kp[1], (byte) 0);
        try {
            return new KemPrivateKey(this, sk, new KemPublicKey(this, kp[0]));
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    @Override
    public int seedSize() {
        return 64;
    }

    /** Seed = d (32) ‖ z (32), FIPS 203 draft key generation as in the reference. */
    @Override
    public KemPrivateKey deriveKeyPair(byte[] seed) throws CryptoException {
        if (seed.length != 64) {
            throw CryptoException.wrongSize(NAME, "seed", 64, seed.length);
        }
        byte[][] kp = MlKemDraftKeyGen.generate(Arrays.copyOf(seed, 32), Arrays.copyOfRange(seed, 32, 64));
        byte[] sk = new byte[PRIVATE_SIZE];
        System.arraycopy(kp[1], 0, sk, 0, MlKem768.DECAPS_SIZE);
        System.arraycopy(kp[0], 0, sk, MlKem768.DECAPS_SIZE, MlKem768.PUBLIC_SIZE);
        Arrays.fill(kp[1], (byte) 0);
        try {
            return new KemPrivateKey(this, sk, new KemPublicKey(this, kp[0]));
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    @Override
    public KemEncapsulation encapsulate(KemPublicKey publicKey, SecureRandom random) throws CryptoException {
        check(publicKey.scheme());
        byte[] m = new byte[32];
        random.nextBytes(m);
        byte[][] r = MlKem768.encapsulate(publicKey.raw(), m);
        Arrays.fill(m, (byte) 0);
        try {
            return new KemEncapsulation(r[0], r[1]);
        } finally {
            Arrays.fill(r[1], (byte) 0);
        }
    }

    @Override
    public byte[] decapsulate(KemPrivateKey privateKey, byte[] ciphertext) throws CryptoException {
        check(privateKey.scheme());
        if (ciphertext.length != MlKem768.CIPHERTEXT_SIZE) {
            throw CryptoException.wrongSize(NAME, "ciphertext", MlKem768.CIPHERTEXT_SIZE, ciphertext.length);
        }
        byte[] dk = Arrays.copyOf(privateKey.raw(), MlKem768.DECAPS_SIZE);
        try {
            return MlKem768.decapsulate(dk, ciphertext);
        } finally {
            Arrays.fill(dk, (byte) 0);
        }
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
        if (encoded.length != PRIVATE_SIZE) {
            throw CryptoException.wrongSize(NAME, "private key", PRIVATE_SIZE, encoded.length);
        }
        MlKem768.checkPrivate(NAME, encoded, 0);
        byte[] ek = Arrays.copyOfRange(encoded, MlKem768.DECAPS_SIZE, PRIVATE_SIZE);
        byte[] embedded = Arrays.copyOfRange(encoded, 1152, 1152 + MlKem768.PUBLIC_SIZE);
        if (!MessageDigest.isEqual(ek, embedded)) {
            throw new CryptoException(CryptoException.Kind.MALFORMED_KEY, NAME,
                    NAME + ": private key's trailing public key differs from the one inside the decapsulation key");
        }
        return new KemPrivateKey(this, encoded, new KemPublicKey(this, ek));
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
