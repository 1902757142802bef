package org.katzen4j.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.pqc.legacy.sphincsplus.SPHINCSPlusKeyGenerationParameters;
import org.bouncycastle.pqc.legacy.sphincsplus.SPHINCSPlusKeyPairGenerator;
import org.bouncycastle.pqc.legacy.sphincsplus.SPHINCSPlusParameters;
import org.bouncycastle.pqc.legacy.sphincsplus.SPHINCSPlusPrivateKeyParameters;
import org.bouncycastle.pqc.legacy.sphincsplus.SPHINCSPlusPublicKeyParameters;
import org.bouncycastle.pqc.legacy.sphincsplus.SPHINCSPlusSigner;

/**
 * hpqc {@code sign/sphincsplus} (name {@code "Sphincs+"}): SPHINCS+ round 3.1,
 * {@code sphincs-shake-256f} with the <em>robust</em> tweakable hash, pure (the message is hashed
 * inside), no context. This is BouncyCastle's legacy SPHINCS+ ({@code shake_256f_robust}); SLH-DSA
 * (FIPS 205) is a different algorithm and does not verify these signatures.
 *
 * <pre>
 * public key   (64)    = pk.seed ‖ pk.root
 * private key (128)    = sk.seed ‖ sk.prf ‖ pk.seed ‖ pk.root
 * signature  (49856)
 * </pre>
 *
 * Java signs deterministically (optrand = pk.seed); the C reference randomizes. Both verify everywhere.
 */
final class SphincsPlusSignature implements SignatureScheme {
    static final String NAME = "Sphincs+";
    static final int N = 32;
    static final int PUBLIC_SIZE = 2 * N;
    static final int PRIVATE_SIZE = 4 * N;
    static final int SEED_SIZE = 3 * N;
    static final int SIGNATURE_SIZE = 49856;
    private static final SPHINCSPlusParameters PARAMS = SPHINCSPlusParameters.shake_256f_robust;
    static final SphincsPlusSignature INSTANCE = new SphincsPlusSignature();

    private SphincsPlusSignature() {
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
    public int signatureSize() {
        return SIGNATURE_SIZE;
    }

    /**
     * Draws 96 bytes (sk.seed ‖ sk.prf ‖ pk.seed) from {@code random}, in the order the C reference's
     * {@code crypto_sign_seed_keypair} takes them, so a deterministic stream gives the same key.
     */
    @Override
    public SignaturePrivateKey generate(SecureRandom random) {
        byte[] seed = new byte[SEED_SIZE];
        random.nextBytes(seed);
        try {
            return fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** Key pair from a 96-byte seed, as C {@code crypto_sign_seed_keypair}. */
    SignaturePrivateKey fromSeed(byte[] seed) {
        SPHINCSPlusKeyPairGenerator g = new SPHINCSPlusKeyPairGenerator();
        g.init(new SPHINCSPlusKeyGenerationParameters(new FixedRandom(seed), PARAMS));
        AsymmetricCipherKeyPair kp = g.generateKeyPair();
        byte[] sk = ((SPHINCSPlusPrivateKeyParameters) kp.getPrivate()).getEncoded();
        byte[] pk = ((SPHINCSPlusPublicKeyParameters) kp.getPublic()).getEncoded();
        try {
            return new SignaturePrivateKey(this, sk, new SignaturePublicKey(this, pk));
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    @Override
    public byte[] sign(SignaturePrivateKey privateKey, byte[] message) {
        check(privateKey.scheme());
        SPHINCSPlusSigner signer = new SPHINCSPlusSigner();
        signer.init(true, new SPHINCSPlusPrivateKeyParameters(PARAMS, privateKey.raw()));
        return signer.generateSignature(message);
    }

    @Override
    public boolean verify(SignaturePublicKey publicKey, byte[] message, byte[] signature) {
        check(publicKey.scheme());
        if (signature.length != SIGNATURE_SIZE) {
            return false;
        }
        SPHINCSPlusSigner signer = new SPHINCSPlusSigner();
        signer.init(false, new SPHINCSPlusPublicKeyParameters(PARAMS, publicKey.raw()));
        return signer.verifySignature(message, signature);
    }

    @Override
    public SignaturePublicKey publicKeyFromBytes(byte[] encoded) throws CryptoException {
        if (encoded.length != PUBLIC_SIZE) {
            throw CryptoException.wrongSize(NAME, "public key", PUBLIC_SIZE, encoded.length);
        }
        return new SignaturePublicKey(this, encoded);
    }

    /**
     * Parses the 128-byte private key and recomputes the root from its seeds: a key whose stored root
     * is not the one its seeds give would only make signatures nobody can verify.
     */
    @Override
    public SignaturePrivateKey privateKeyFromBytes(byte[] encoded) throws CryptoException {
        if (encoded.length != PRIVATE_SIZE) {
            throw CryptoException.wrongSize(NAME, "private key", PRIVATE_SIZE, encoded.length);
        }
        byte[] seed = Arrays.copyOf(encoded, SEED_SIZE);
        SignaturePrivateKey k = fromSeed(seed);
        Arrays.fill(seed, (byte) 0);
        if (!MessageDigest.isEqual(k.raw(), encoded)) {
            k.close();
            throw new CryptoException(CryptoException.Kind.MALFORMED_KEY, NAME,
                    NAME + ": private key's root does not match its seeds");
        }
        return k;
    }

    private void check(SignatureScheme s) {
        if (s != this) {
            throw new IllegalArgumentException("key of scheme " + s.name() + " used with " + NAME);
        }
    }

    @Override
    public String toString() {
        return NAME;
    }

    /** Hands out the given bytes once, then fails: feeds a seed to BouncyCastle's key generator. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] data;
        private int pos;

        FixedRandom(byte[] data) {
            this.data = data;
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            if (pos + bytes.length > data.length) {
                throw new IllegalStateException("seed exhausted");
            }
            System.arraycopy(data, pos, bytes, 0, bytes.length);
            pos += bytes.length;
        }
    }
}
