package org.katzen4j.pki;

import java.util.Objects;

import org.katzen4j.crypto.CryptoException;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.crypto.SignaturePublicKey;
import org.katzen4j.crypto.SignatureScheme;

/**
 * A directory authority the client trusts: a name and its identity (PKI signature) public key,
 * from a {@code [[VotingAuthority.Peers]]} entry of the configuration.
 */
public record Authority(String name, SignaturePublicKey identityKey) {

    public Authority {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identityKey, "identityKey");
    }

    /** From the configuration's PEM text and scheme name (case-insensitive, as the reference). */
    public static Authority fromPem(String name, String schemeName, String pem) throws PkiException {
        try {
            SignatureScheme scheme = Schemes.signature(schemeName);
            return new Authority(name, scheme.publicKeyFromPem(pem));
        } catch (CryptoException e) {
            throw new PkiException(PkiException.Kind.MALFORMED, "authority " + name + ": " + e.getMessage(), e);
        }
    }

    /** From raw key bytes. */
    public static Authority of(String name, String schemeName, byte[] rawKey) throws PkiException {
        try {
            return new Authority(name, Schemes.signature(schemeName).publicKeyFromBytes(rawKey));
        } catch (CryptoException e) {
            throw new PkiException(PkiException.Kind.MALFORMED, "authority " + name + ": " + e.getMessage(), e);
        }
    }

    /** BLAKE2b-256 of the raw public key: how certificates name the signer. */
    public byte[] keyHash() {
        return identityKey.keyHash();
    }

    /** Verifies a signature over {@code message}; never throws for bad signature bytes. */
    boolean verifies(byte[] message, byte[] signature) {
        try {
            return identityKey.scheme().verify(identityKey, message, signature);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
