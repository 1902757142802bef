package org.katzen4j.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * hpqc {@code sign/hybrid}: two schemes over the same message. Public key = pk1 ‖ pk2, private key =
 * sk1 ‖ sk2, signature = sig1 ‖ sig2; valid only if both halves verify. Registered as
 * {@code "Ed25519 Sphincs+"} (with a space) and {@code "Ed448-Sphincs+"}. Where Go panics on a
 * signature of the wrong length, this returns {@code false}.
 */
final class HybridSignature implements SignatureScheme {
    static final HybridSignature ED25519_SPHINCS = new HybridSignature("Ed25519 Sphincs+", Ed25519Signature.INSTANCE, SphincsPlusSignature.INSTANCE);
    static final HybridSignature ED448_SPHINCS = new HybridSignature("Ed448-Sphincs+", Ed448Signature.INSTANCE, SphincsPlusSignature.INSTANCE);

    private final String name;
    private final SignatureScheme first;
    private final SignatureScheme second;

    HybridSignature(String name, SignatureScheme first, SignatureScheme second) {
        this.name = name;
        this.first = first;
        this.second = second;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int publicKeySize() {
        return first.publicKeySize() + second.publicKeySize();
    }

    @Override
    public int privateKeySize() {
        return first.privateKeySize() + second.privateKeySize();
    }

    @Override
    public int signatureSize() {
        return first.signatureSize() + second.signatureSize();
    }

    /** Generates the first key, then the second, from the same stream. */
    @Override
    public SignaturePrivateKey generate(SecureRandom random) {
        try (SignaturePrivateKey a = first.generate(random); SignaturePrivateKey b = second.generate(random)) {
            return combine(a, b);
        }
    }

    private SignaturePrivateKey combine(SignaturePrivateKey a, SignaturePrivateKey b) {
        byte[] sk = concat(a.raw(), b.raw());
        byte[] pk = concat(a.publicKey().raw(), b.publicKey().raw());
        try {
            return new SignaturePrivateKey(this, sk, new SignaturePublicKey(this, pk));
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    @Override
    public byte[] sign(SignaturePrivateKey privateKey, byte[] message) {
        check(privateKey.scheme());
        byte[] sk = privateKey.raw();
        try (SignaturePrivateKey a = part(first, sk, 0, first.privateKeySize());
                SignaturePrivateKey b = part(second, sk, first.privateKeySize(), sk.length)) {
            return concat(first.sign(a, message), second.sign(b, message));
        }
    }

    @Override
    public boolean verify(SignaturePublicKey publicKey, byte[] message, byte[] signature) {
        check(publicKey.scheme());
        if (signature.length != signatureSize()) {
            return false;
        }
        byte[] pk = publicKey.raw();
        SignaturePublicKey a = new SignaturePublicKey(first, Arrays.copyOf(pk, first.publicKeySize()));
        SignaturePublicKey b = new SignaturePublicKey(second, Arrays.copyOfRange(pk, first.publicKeySize(), pk.length));
        int s1 = first.signatureSize();
        return first.verify(a, message, Arrays.copyOf(signature, s1))
                && second.verify(b, message, Arrays.copyOfRange(signature, s1, signature.length));
    }

    @Override
    public SignaturePublicKey publicKeyFromBytes(byte[] encoded) throws CryptoException {
        if (encoded.length != publicKeySize()) {
            throw CryptoException.wrongSize(name, "public key", publicKeySize(), encoded.length);
        }
        try {
            first.publicKeyFromBytes(Arrays.copyOf(encoded, first.publicKeySize()));
            second.publicKeyFromBytes(Arrays.copyOfRange(encoded, first.publicKeySize(), encoded.length));
        } catch (CryptoException e) {
            throw new CryptoException(e.kind(), name, name + ": " + e.getMessage(), e);
        }
        return new SignaturePublicKey(this, encoded);
    }

    @Override
    public SignaturePrivateKey privateKeyFromBytes(byte[] encoded) throws CryptoException {
        if (encoded.length != privateKeySize()) {
            throw CryptoException.wrongSize(name, "private key", privateKeySize(), encoded.length);
        }
        byte[] a = Arrays.copyOf(encoded, first.privateKeySize());
        byte[] b = Arrays.copyOfRange(encoded, first.privateKeySize(), encoded.length);
        try (SignaturePrivateKey ka = first.privateKeyFromBytes(a); SignaturePrivateKey kb = second.privateKeyFromBytes(b)) {
            return combine(ka, kb);
        } catch (CryptoException e) {
            throw new CryptoException(e.kind(), name, name + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(a, (byte) 0);
            Arrays.fill(b, (byte) 0);
        }
    }

    private static SignaturePrivateKey part(SignatureScheme s, byte[] sk, int from, int to) {
        byte[] b = Arrays.copyOfRange(sk, from, to);
        try {
            return new SignaturePrivateKey(s, b, null);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private void check(SignatureScheme s) {
        if (s != this) {
            throw new IllegalArgumentException("key of scheme " + s.name() + " used with " + name);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
