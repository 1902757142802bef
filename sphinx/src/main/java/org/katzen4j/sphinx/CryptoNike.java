package org.katzen4j.sphinx;

import java.security.SecureRandom;

import org.katzen4j.crypto.CryptoException;
import org.katzen4j.crypto.NikePrivateKey;
import org.katzen4j.crypto.NikeScheme;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.sphinx.SphinxException.Kind;
import org.katzen4j.sphinx.internal.SphinxCrypto;

/**
 * A {@link SphinxNike} backed by a crypto-module {@link NikeScheme} (hpqc {@code x25519},
 * {@code x448}). Sphinx holds keys as raw bytes, so this adapter only checks sizes and maps the
 * crypto module's errors; the group arithmetic (raw private keys clamped inside each scalar
 * multiplication, an all-zero result rejected) is the crypto scheme's. What Sphinx adds is the
 * blinding factor: the first private-key-size bytes of ChaCha20(seed, zero nonce).
 */
public class CryptoNike implements SphinxNike {
    private final NikeScheme scheme;

    public CryptoNike(NikeScheme scheme) {
        this.scheme = scheme;
    }

    /** The adapter for the crypto module's scheme of that (hpqc) name; x25519 and x448 are shared instances. */
    public static CryptoNike byName(String name) throws SphinxException {
        if (name.equalsIgnoreCase(X25519Nike.NAME)) {
            return X25519Nike.instance();
        }
        if (name.equalsIgnoreCase(X448Nike.NAME)) {
            return X448Nike.instance();
        }
        try {
            return new CryptoNike(Schemes.nike(name));
        } catch (CryptoException e) {
            throw new SphinxException(Kind.INVALID_GEOMETRY, "unsupported NIKE scheme " + name, e);
        }
    }

    public NikeScheme scheme() {
        return scheme;
    }

    @Override
    public String name() {
        return scheme.name();
    }

    @Override
    public int publicKeySize() {
        return scheme.publicKeySize();
    }

    @Override
    public int privateKeySize() {
        return scheme.privateKeySize();
    }

    @Override
    public byte[] generatePrivateKey(SecureRandom rng) {
        byte[] k = new byte[scheme.privateKeySize()];
        rng.nextBytes(k);
        return k;
    }

    @Override
    public byte[] publicKey(byte[] privateKey) throws SphinxException {
        check(privateKey, scheme.privateKeySize(), "private key");
        try (NikePrivateKey k = scheme.privateKeyFromBytes(privateKey)) {
            return k.publicKey().encoded();
        } catch (CryptoException e) {
            throw badKey(e);
        }
    }

    /**
     * The shared secret. For these groups it is the peer's point multiplied by the raw private
     * scalar, which is exactly the scheme's {@code blind}; going through it avoids deriving the
     * public key of {@code privateKey} on every hop.
     */
    @Override
    public byte[] sharedSecret(byte[] privateKey, byte[] publicKey) throws SphinxException {
        check(privateKey, scheme.privateKeySize(), "scalar");
        return multiply(publicKey, privateKey);
    }

    @Override
    public byte[] blindingFactor(byte[] seed) {
        return SphinxCrypto.chachaStream(seed, scheme.privateKeySize());
    }

    @Override
    public byte[] blind(byte[] publicKey, byte[] blindingFactor) throws SphinxException {
        check(blindingFactor, scheme.privateKeySize(), "scalar");
        return multiply(publicKey, blindingFactor);
    }

    private byte[] multiply(byte[] point, byte[] scalar) throws SphinxException {
        check(point, scheme.publicKeySize(), "public key");
        try {
            return scheme.blind(scheme.publicKeyFromBytes(point), scalar).encoded();
        } catch (CryptoException e) {
            throw badKey(e);
        }
    }

    private SphinxException badKey(CryptoException e) {
        return new SphinxException(Kind.BAD_KEY, e.getMessage(), e);
    }

    private void check(byte[] b, int size, String what) throws SphinxException {
        if (b == null || b.length != size) {
            throw new SphinxException(Kind.BAD_KEY, scheme.name() + " " + what + " must be " + size
                    + " bytes, got " + (b == null ? "null" : b.length));
        }
    }

    @Override
    public String toString() {
        return "CryptoNike[" + scheme.name() + "]";
    }
}
