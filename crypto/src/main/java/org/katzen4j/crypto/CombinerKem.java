package org.katzen4j.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

import org.katzen4j.crypto.sym.Blake2b;

/**
 * hpqc {@code kem/combiner}: several KEMs side by side, e.g. {@code "MLKEM768-X25519"} = [x25519
 * adapter, MLKEM768]. Keys and ciphertexts are the concatenations in that order; the shared secret is
 * the XOR over i of BLAKE2b-256(ss_i ‖ ct_1 ‖ … ‖ ct_n) (hpqc {@code SplitPRF}), 32 bytes.
 */
final class CombinerKem implements KemScheme {
    static final CombinerKem MLKEM768_X25519 = new CombinerKem("MLKEM768-X25519", NikeKem.X25519, MlKem768Kem.INSTANCE);
    static final CombinerKem MLKEM768_X448 = new CombinerKem("MLKEM768-X448", NikeKem.X448, MlKem768Kem.INSTANCE);
    /** hpqc {@code kem/hybrid} "Kyber768-X25519": two parts, same SplitPRF as the combiner. */
    static final CombinerKem KYBER768_X25519 = new CombinerKem("Kyber768-X25519", NikeKem.X25519, Kyber768Kem.INSTANCE);

    private final String name;
    private final KemScheme[] parts;

    CombinerKem(String name, KemScheme... parts) {
        this.name = name;
        this.parts = parts.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int publicKeySize() {
        int n = 0;
        for (KemScheme p : parts) {
            n += p.publicKeySize();
        }
        return n;
    }

    @Override
    public int privateKeySize() {
        int n = 0;
        for (KemScheme p : parts) {
            n += p.privateKeySize();
        }
        return n;
    }

    @Override
    public int ciphertextSize() {
        int n = 0;
        for (KemScheme p : parts) {
            n += p.ciphertextSize();
        }
        return n;
    }

    @Override
    public int sharedSecretSize() {
        return 32;
    }

    /** Generates each part's key in order from {@code random}. */
    @Override
    public KemPrivateKey generate(SecureRandom random) {
        byte[][] sks = new byte[parts.length][];
        byte[][] pks = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            try (KemPrivateKey k = parts[i].generate(random)) {
                sks[i] = k.encoded();
                pks[i] = k.publicKey().raw();
            }
        }
        byte[] sk = concat(sks);
        for (byte[] s : sks) {
            Arrays.fill(s, (byte) 0);
        }
        try {
            return new KemPrivateKey(this, sk, new KemPublicKey(this, concat(pks)));
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    @Override
    public int seedSize() {
        int n = 0;
        for (KemScheme p : parts) {
            if (p.seedSize() == 0) {
                return 0;
            }
            n += p.seedSize();
        }
        return n;
    }

    /** Splits the seed by the parts' seed sizes and derives each part's key, as hpqc does. */
    @Override
    public KemPrivateKey deriveKeyPair(byte[] seed) throws CryptoException {
        if (seedSize() == 0) {
            throw new CryptoException(CryptoException.Kind.UNSUPPORTED, name, name + ": no seeded key generation");
        }
        if (seed.length != seedSize()) {
            throw CryptoException.wrongSize(name, "seed", seedSize(), seed.length);
        }
        byte[][] sks = new byte[parts.length][];
        byte[][] pks = new byte[parts.length][];
        int off = 0;
        for (int i = 0; i < parts.length; i++) {
            byte[] s = Arrays.copyOfRange(seed, off, off + parts[i].seedSize());
            off += parts[i].seedSize();
            try (KemPrivateKey k = parts[i].deriveKeyPair(s)) {
                sks[i] = k.encoded();
                pks[i] = k.publicKey().raw();
            } finally {
                Arrays.fill(s, (byte) 0);
            }
        }
        byte[] sk = concat(sks);
        for (byte[] s : sks) {
            Arrays.fill(s, (byte) 0);
        }
        try {
            return new KemPrivateKey(this, sk, new KemPublicKey(this, concat(pks)));
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    /** Encapsulates to each part in order, each drawing its randomness from {@code random}. */
    @Override
    public KemEncapsulation encapsulate(KemPublicKey publicKey, SecureRandom random) throws CryptoException {
        check(publicKey.scheme());
        byte[] pk = publicKey.raw();
        byte[][] cts = new byte[parts.length][];
        byte[][] sss = new byte[parts.length][];
        int off = 0;
        for (int i = 0; i < parts.length; i++) {
            KemPublicKey p = new KemPublicKey(parts[i], Arrays.copyOfRange(pk, off, off + parts[i].publicKeySize()));
            off += parts[i].publicKeySize();
            try (KemEncapsulation e = parts[i].encapsulate(p, random)) {
                cts[i] = e.ciphertext();
                sss[i] = e.sharedSecret();
            }
        }
        byte[] ct = concat(cts);
        byte[] ss = splitPrf(sss, ct);
        try {
            return new KemEncapsulation(ct, ss);
        } finally {
            Arrays.fill(ss, (byte) 0);
        }
    }

    @Override
    public byte[] decapsulate(KemPrivateKey privateKey, byte[] ciphertext) throws CryptoException {
        check(privateKey.scheme());
        if (ciphertext.length != ciphertextSize()) {
            throw CryptoException.wrongSize(name, "ciphertext", ciphertextSize(), ciphertext.length);
        }
        byte[] sk = privateKey.raw();
        byte[][] sss = new byte[parts.length][];
        int skOff = 0;
        int ctOff = 0;
        for (int i = 0; i < parts.length; i++) {
            byte[] skPart = Arrays.copyOfRange(sk, skOff, skOff + parts[i].privateKeySize());
            byte[] ctPart = Arrays.copyOfRange(ciphertext, ctOff, ctOff + parts[i].ciphertextSize());
            skOff += parts[i].privateKeySize();
            ctOff += parts[i].ciphertextSize();
            try (KemPrivateKey k = parts[i].privateKeyFromBytes(skPart)) {
                sss[i] = parts[i].decapsulate(k, ctPart);
            } catch (CryptoException e) {
                throw new CryptoException(e.kind(), name, name + ": " + e.getMessage(), e);
            } finally {
                Arrays.fill(skPart, (byte) 0);
            }
        }
        return splitPrf(sss, ciphertext);
    }

    private static byte[] splitPrf(byte[][] sss, byte[] allCiphertexts) {
        byte[] acc = new byte[32];
        for (byte[] ss : sss) {
            byte[] h = Blake2b.sum256(ss, allCiphertexts);
            for (int j = 0; j < 32; j++) {
                acc[j] ^= h[j];
            }
            Arrays.fill(ss, (byte) 0);
        }
        return acc;
    }

    @Override
    public KemPublicKey publicKeyFromBytes(byte[] encoded) throws CryptoException {
        if (encoded.length != publicKeySize()) {
            throw CryptoException.wrongSize(name, "public key", publicKeySize(), encoded.length);
        }
        int off = 0;
        for (KemScheme p : parts) {
            try {
                p.publicKeyFromBytes(Arrays.copyOfRange(encoded, off, off + p.publicKeySize()));
            } catch (CryptoException e) {
                throw new CryptoException(e.kind(), name, name + ": " + e.getMessage(), e);
            }
            off += p.publicKeySize();
        }
        return new KemPublicKey(this, encoded);
    }

    @Override
    public KemPrivateKey privateKeyFromBytes(byte[] encoded) throws CryptoException {
        if (encoded.length != privateKeySize()) {
            throw CryptoException.wrongSize(name, "private key", privateKeySize(), encoded.length);
        }
        byte[][] pks = new byte[parts.length][];
        int off = 0;
        for (int i = 0; i < parts.length; i++) {
            byte[] skPart = Arrays.copyOfRange(encoded, off, off + parts[i].privateKeySize());
            off += parts[i].privateKeySize();
            try (KemPrivateKey k = parts[i].privateKeyFromBytes(skPart)) {
                pks[i] = k.publicKey().raw();
            } catch (CryptoException e) {
                throw new CryptoException(e.kind(), name, name + ": " + e.getMessage(), e);
            } finally {
                Arrays.fill(skPart, (byte) 0);
            }
        }
        return new KemPrivateKey(this, encoded, new KemPublicKey(this, concat(pks)));
    }

    private static byte[] concat(byte[][] parts) {
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
            throw new IllegalArgumentException("key of scheme " + s.name() + " used with KEM " + name);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
