package org.katzen4j.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.crypto.digests.SHA3Digest;

/**
 * hpqc {@code kem/xwing} (name {@code "XWING"}): X-Wing as in draft-connolly-cfrg-xwing-kem-01,
 * composed here from ML-KEM-768, X25519 and SHA3-256 because BouncyCastle's own X-Wing follows a
 * later draft (label last, seed private keys) and does not interoperate.
 *
 * <pre>
 * public key  (1216) = pkM (1184) ‖ pkX (32)
 * ciphertext  (1120) = ctM (1088) ‖ ctX (32)
 * shared secret (32) = SHA3-256("\./" "/^\" ‖ ssM ‖ ssX ‖ ctX ‖ pkX)     label first
 * private key (3680) = skM (2400, expanded ML-KEM dk) ‖ skX (32) ‖ pkX (32) ‖ public key (1216)
 * </pre>
 */
final class XWingKem implements KemScheme {
    static final String NAME = "XWING";
    static final int PUBLIC_SIZE = MlKem768.PUBLIC_SIZE + 32;
    static final int CIPHERTEXT_SIZE = MlKem768.CIPHERTEXT_SIZE + 32;
    static final int DECAPS_SIZE = MlKem768.DECAPS_SIZE + 64;
    static final int PRIVATE_SIZE = DECAPS_SIZE + PUBLIC_SIZE;
    static final int SHARED_SIZE = 32;
    private static final byte[] LABEL = {0x5c, 0x2e, 0x2f, 0x2f, 0x5e, 0x5c};
    static final XWingKem INSTANCE = new XWingKem();

    private XWingKem() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int publicKeySize() {
        return PUBLIC_SIZE;
    }

    @Override
    public int privateKeySize() {
        return PRIVATE_SIZE;
    }

    @Override
    public int ciphertextSize() {
        return CIPHERTEXT_SIZE;
    }

    @Override
    public int sharedSecretSize() {
        return SHARED_SIZE;
    }

    @Override
    public KemPrivateKey generate(SecureRandom random) {
        byte[] skX = new byte[32];
        random.nextBytes(skX);
        byte[] pkX = X25519Nike.publicFromScalar(skX);
        byte[][] m = MlKem768.generate(random);
        byte[] pk = concat(m[0], pkX);
        byte[] sk = concat(m[1], skX, pkX, pk);
        Arrays.fill(skX, (byte) 0);
        Arrays.fill(m[1], (byte) 0);
        try {
            return new KemPrivateKey(this, sk, new KemPublicKey(this, pk));
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    @Override
    public int seedSize() {
        return 96;
    }

    /** Seed = ML-KEM d ‖ z (64) ‖ X25519 scalar (32), as {@code xwing.NewKeyFromSeed}. */
    @Override
    public KemPrivateKey deriveKeyPair(byte[] seed) throws CryptoException {
        if (seed.length != 96) {
            throw CryptoException.wrongSize(NAME, "seed", 96, seed.length);
        }
        byte[] skX = Arrays.copyOfRange(seed, 64, 96);
        byte[] pkX = X25519Nike.publicFromScalar(skX);
        byte[][] m = MlKemDraftKeyGen.generate(Arrays.copyOf(seed, 32), Arrays.copyOfRange(seed, 32, 64));
        byte[] pk = concat(m[0], pkX);
        byte[] sk = concat(m[1], skX, pkX, pk);
        Arrays.fill(skX, (byte) 0);
        Arrays.fill(m[1], (byte) 0);
        try {
            return new KemPrivateKey(this, sk, new KemPublicKey(this, pk));
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    @Override
    public KemEncapsulation encapsulate(KemPublicKey publicKey, SecureRandom random) throws CryptoException {
        check(publicKey.scheme());
        byte[] eph = new byte[32];
        byte[] m = new byte[32];
        random.nextBytes(eph);
        random.nextBytes(m);
        try {
            return encapsulate(publicKey.raw(), eph, m);
        } finally {
            Arrays.fill(eph, (byte) 0);
            Arrays.fill(m, (byte) 0);
        }
    }

    /** Deterministic encapsulation with X25519 ephemeral scalar {@code eph} and ML-KEM message {@code m}. */
    KemEncapsulation encapsulate(byte[] pk, byte[] eph, byte[] m) throws CryptoException {
        byte[] pkM = Arrays.copyOf(pk, MlKem768.PUBLIC_SIZE);
        byte[] pkX = Arrays.copyOfRange(pk, MlKem768.PUBLIC_SIZE, PUBLIC_SIZE);
        byte[] ctX = X25519Nike.publicFromScalar(eph);
        byte[] ssX = dh(eph, pkX);
        byte[][] km = MlKem768.encapsulate(pkM, m);
        byte[] ss = combine(km[1], ssX, ctX, pkX);
        Arrays.fill(ssX, (byte) 0);
        Arrays.fill(km[1], (byte) 0);
        try {
            return new KemEncapsulation(concat(km[0], ctX), ss);
        } finally {
            Arrays.fill(ss, (byte) 0);
        }
    }

    @Override
    public byte[] decapsulate(KemPrivateKey privateKey, byte[] ciphertext) throws CryptoException {
        check(privateKey.scheme());
        if (ciphertext.length != CIPHERTEXT_SIZE) {
            throw CryptoException.wrongSize(NAME, "ciphertext", CIPHERTEXT_SIZE, ciphertext.length);
        }
        byte[] sk = privateKey.raw();
        byte[] skM = Arrays.copyOf(sk, MlKem768.DECAPS_SIZE);
        byte[] skX = Arrays.copyOfRange(sk, MlKem768.DECAPS_SIZE, MlKem768.DECAPS_SIZE + 32);
        byte[] pkX = Arrays.copyOfRange(sk, MlKem768.DECAPS_SIZE + 32, DECAPS_SIZE);
        byte[] ctM = Arrays.copyOf(ciphertext, MlKem768.CIPHERTEXT_SIZE);
        byte[] ctX = Arrays.copyOfRange(ciphertext, MlKem768.CIPHERTEXT_SIZE, CIPHERTEXT_SIZE);
        byte[] ssM = null;
        byte[] ssX = null;
        try {
            ssM = MlKem768.decapsulate(skM, ctM);
            ssX = dh(skX, ctX);
            return combine(ssM, ssX, ctX, pkX);
        } finally {
            Arrays.fill(skM, (byte) 0);
            Arrays.fill(skX, (byte) 0);
            if (ssM != null) {
                Arrays.fill(ssM, (byte) 0);
            }
            if (ssX != null) {
                Arrays.fill(ssX, (byte) 0);
            }
        }
    }

    @Override
    public KemPublicKey publicKeyFromBytes(byte[] encoded) throws CryptoException {
        if (encoded.length != PUBLIC_SIZE) {
            throw CryptoException.wrongSize(NAME, "public key", PUBLIC_SIZE, encoded.length);
        }
        MlKem768.checkPublic(NAME, encoded, 0);
        return new KemPublicKey(this, encoded);
    }

    /**
     * Parses hpqc's 3680-byte private key and checks that its parts agree: the ML-KEM key is
     * well-formed, pkX is the X25519 public key of skX, and the trailing public key is the one
     * embedded in the decapsulation key.
     */
    @Override
    public KemPrivateKey privateKeyFromBytes(byte[] encoded) throws CryptoException {
        if (encoded.length != PRIVATE_SIZE) {
            throw CryptoException.wrongSize(NAME, "private key", PRIVATE_SIZE, encoded.length);
        }
        MlKem768.checkPrivate(NAME, encoded, 0);
        byte[] skX = Arrays.copyOfRange(encoded, MlKem768.DECAPS_SIZE, MlKem768.DECAPS_SIZE + 32);
        byte[] pkX = Arrays.copyOfRange(encoded, MlKem768.DECAPS_SIZE + 32, DECAPS_SIZE);
        byte[] derived = X25519Nike.publicFromScalar(skX);
        Arrays.fill(skX, (byte) 0);
        if (!MessageDigest.isEqual(derived, pkX)) {
            throw new CryptoException(CryptoException.Kind.MALFORMED_KEY, NAME,
                    NAME + ": private key's X25519 public key does not match its X25519 secret");
        }
        byte[] pk = Arrays.copyOfRange(encoded, DECAPS_SIZE, PRIVATE_SIZE);
        byte[] expected = concat(Arrays.copyOfRange(encoded, 1152, 1152 + MlKem768.PUBLIC_SIZE), pkX);
        if (!MessageDigest.isEqual(pk, expected)) {
            throw new CryptoException(CryptoException.Kind.MALFORMED_KEY, NAME,
                    NAME + ": private key's trailing public key differs from its decapsulation key");
        }
        return new KemPrivateKey(this, encoded, new KemPublicKey(this, pk));
    }

    private static byte[] dh(byte[] k, byte[] u) throws CryptoException {
        try {
            return X25519Nike.dh(k, u);
        } catch (CryptoException e) {
            throw new CryptoException(e.kind(), NAME, NAME + ": X25519 shared secret is all zeros (low-order point)", e);
        }
    }

    private static byte[] combine(byte[] ssM, byte[] ssX, byte[] ctX, byte[] pkX) {
        SHA3Digest d = new SHA3Digest(256);
        d.update(LABEL, 0, LABEL.length);
        d.update(ssM, 0, ssM.length);
        d.update(ssX, 0, ssX.length);
        d.update(ctX, 0, ctX.length);
        d.update(pkX, 0, pkX.length);
        byte[] out = new byte[SHARED_SIZE];
        d.doFinal(out, 0);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
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
