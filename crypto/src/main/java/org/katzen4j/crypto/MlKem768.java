package org.katzen4j.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/**
 * ML-KEM-768 operations on raw encodings, shared by {@link MlKem768Kem} and {@link XWingKem}.
 *
 * <p>The reference ({@code filippo.io/mlkem768}, Feb 2024) implements the FIPS 203 initial public
 * draft. Its encapsulation and decapsulation are the same functions as final FIPS 203, so
 * BouncyCastle's final ML-KEM interoperates for those; only key generation from a seed differs
 * (the draft hashes {@code G(d)}, the final standard {@code G(d ‖ k)}). Random keys from
 * BouncyCastle are valid keys for Go; seeded derivation that must match Go's bytes goes through
 * {@link MlKemDraftKeyGen} instead.
 */
final class MlKem768 {
    static final int PUBLIC_SIZE = 1184;
    /** Expanded decapsulation key: dkPKE (1152) ‖ ek (1184) ‖ H(ek) (32) ‖ z (32). */
    static final int DECAPS_SIZE = 2400;
    static final int CIPHERTEXT_SIZE = 1088;
    static final int SHARED_SIZE = 32;
    private static final int DK_PKE_SIZE = 1152;
    private static final int Q = 3329;

    private MlKem768() {
    }

    /** A fresh key pair: {ek, dk} with dk in the 2400-byte expanded form. */
    static byte[][] generate(SecureRandom random) {
        MLKEMKeyPairGenerator g = new MLKEMKeyPairGenerator();
        g.init(new MLKEMKeyGenerationParameters(random, MLKEMParameters.ml_kem_768));
        AsymmetricCipherKeyPair kp = g.generateKeyPair();
        MLKEMPrivateKeyParameters sk = ((MLKEMPrivateKeyParameters) kp.getPrivate())
                .withPreferredFormat(MLKEMPrivateKeyParameters.EXPANDED_KEY);
        byte[] dk = sk.getEncoded();
        byte[] ek = ((MLKEMPublicKeyParameters) kp.getPublic()).getEncoded();
        sk.destroy();
        return new byte[][] {ek, dk};
    }

    /** Checks an encapsulation key: length and every coefficient below q (FIPS 203 modulus check). */
    static void checkPublic(String scheme, byte[] ek, int off) throws CryptoException {
        if (!coefficientsReduced(ek, off, DK_PKE_SIZE)) {
            throw new CryptoException(CryptoException.Kind.MALFORMED_KEY, scheme,
                    scheme + ": ML-KEM-768 public key has a coefficient >= q");
        }
    }

    /**
     * Checks an expanded decapsulation key: secret coefficients reduced, embedded public key valid,
     * and H(ek) matching.
     */
    static void checkPrivate(String scheme, byte[] dk, int off) throws CryptoException {
        if (!coefficientsReduced(dk, off, DK_PKE_SIZE)) {
            throw new CryptoException(CryptoException.Kind.MALFORMED_KEY, scheme,
                    scheme + ": ML-KEM-768 private key has a secret coefficient >= q");
        }
        checkPublic(scheme, dk, off + DK_PKE_SIZE);
        byte[] h = sha3_256(dk, off + DK_PKE_SIZE, PUBLIC_SIZE);
        byte[] stored = Arrays.copyOfRange(dk, off + DK_PKE_SIZE + PUBLIC_SIZE, off + DK_PKE_SIZE + PUBLIC_SIZE + 32);
        if (!MessageDigest.isEqual(h, stored)) {
            throw new CryptoException(CryptoException.Kind.MALFORMED_KEY, scheme,
                    scheme + ": ML-KEM-768 private key's H(ek) does not match its public key");
        }
    }

    /** Encapsulates with the 32-byte message {@code m}: returns {ct, ss}. */
    static byte[][] encapsulate(byte[] ek, byte[] m) {
        MLKEMPublicKeyParameters pk = new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, ek);
        SecretWithEncapsulation s = MLKEMGenerator.internalGenerateEncapsulated(pk, m);
        byte[][] r = new byte[][] {s.getEncapsulation(), s.getSecret()};
        try {
            s.destroy();
        } catch (javax.security.auth.DestroyFailedException e) {
            // nothing more to wipe
        }
        return r;
    }

    /** Decapsulates a 1088-byte ciphertext with a checked 2400-byte decapsulation key. */
    static byte[] decapsulate(byte[] dk, byte[] ct) {
        MLKEMPrivateKeyParameters sk = new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, dk);
        try {
            return new MLKEMExtractor(sk).extractSecret(ct);
        } finally {
            sk.destroy();
        }
    }

    static byte[] sha3_256(byte[] in, int off, int len) {
        org.bouncycastle.crypto.digests.SHA3Digest d = new org.bouncycastle.crypto.digests.SHA3Digest(256);
        d.update(in, off, len);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /** 12-bit little-endian packed coefficients, two per three bytes, each must be < q. */
    private static boolean coefficientsReduced(byte[] b, int off, int len) {
        boolean ok = true;
        for (int i = off; i < off + len; i += 3) {
            int b0 = b[i] & 0xff;
            int b1 = b[i + 1] & 0xff;
            int b2 = b[i + 2] & 0xff;
            int c0 = b0 | ((b1 & 0x0f) << 8);
            int c1 = (b1 >>> 4) | (b2 << 4);
            ok &= c0 < Q & c1 < Q;
        }
        return ok;
    }
}
