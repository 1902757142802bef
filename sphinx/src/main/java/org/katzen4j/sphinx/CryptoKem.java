package org.katzen4j.sphinx;

import java.security.SecureRandom;

import org.katzen4j.crypto.CryptoException;
import org.katzen4j.crypto.KemEncapsulation;
import org.katzen4j.crypto.KemPrivateKey;
import org.katzen4j.crypto.KemScheme;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.sphinx.SphinxException.Kind;

/** A {@link SphinxKem} backed by a crypto-module {@link KemScheme} (XWING, MLKEM768, …). */
public final class CryptoKem implements SphinxKem {
    private final KemScheme scheme;

    public CryptoKem(KemScheme scheme) {
        this.scheme = scheme;
    }

    /** The crypto module's scheme of that (hpqc) name. */
    public static CryptoKem byName(String name) throws SphinxException {
        try {
            return new CryptoKem(Schemes.kem(name));
        } catch (CryptoException e) {
            throw new SphinxException(Kind.INVALID_GEOMETRY, "unsupported KEM scheme " + name, e);
        }
    }

    public KemScheme scheme() {
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
    public int ciphertextSize() {
        return scheme.ciphertextSize();
    }

    @Override
    public Encapsulation encapsulate(byte[] publicKey, SecureRandom rng) throws SphinxException {
        try (KemEncapsulation e = scheme.encapsulate(scheme.publicKeyFromBytes(publicKey), rng)) {
            return new Encapsulation(e.ciphertext(), e.sharedSecret());
        } catch (CryptoException e) {
            throw new SphinxException(Kind.BAD_KEY, "KEM encapsulation failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] decapsulate(byte[] privateKey, byte[] ciphertext) throws SphinxException {
        try (KemPrivateKey k = scheme.privateKeyFromBytes(privateKey)) {
            return scheme.decapsulate(k, ciphertext);
        } catch (CryptoException e) {
            throw new SphinxException(Kind.BAD_KEY, "KEMSphinx: failed to decrypt KEM: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "CryptoKem[" + scheme.name() + "]";
    }
}
