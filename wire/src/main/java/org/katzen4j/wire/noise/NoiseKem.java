package org.katzen4j.wire.noise;

import java.security.SecureRandom;
import java.util.Objects;

import org.katzen4j.crypto.CryptoException;
import org.katzen4j.crypto.KemEncapsulation;
import org.katzen4j.crypto.KemPrivateKey;
import org.katzen4j.crypto.KemPublicKey;
import org.katzen4j.crypto.KemScheme;

/**
 * The KEM operations the pqXX handshake needs, over raw encodings. {@link #of(KemScheme, SecureRandom)}
 * adapts a crypto-module scheme (the wire KEM from the configuration, {@code XWING} by default).
 * Failures ({@code KemFailure}) are turned into handshake errors by {@link PqXXHandshake}.
 */
public interface NoiseKem {

    /** The scheme name as it appears in the Noise protocol name (hpqc {@code Name()}, e.g. {@code XWING}). */
    String name();

    int publicKeySize();

    int ciphertextSize();

    /** A fresh ephemeral key pair. */
    LocalKey generate() throws KemFailure;

    /** Encapsulates to the peer's raw public key. */
    Encapsulation encapsulate(byte[] peerPublicKey) throws KemFailure;

    /** A key pair we hold: its public encoding and decapsulation. */
    interface LocalKey extends AutoCloseable {
        byte[] publicKey();

        byte[] decapsulate(byte[] ciphertext) throws KemFailure;

        @Override
        void close();
    }

    /** Ciphertext to send and shared secret to mix. */
    record Encapsulation(byte[] ciphertext, byte[] sharedSecret) {
        @Override
        public String toString() {
            return "Encapsulation[" + ciphertext.length + " bytes]";
        }
    }

    /** A KEM operation failed on the peer's bytes (bad key, bad ciphertext, all-zero X25519 output). */
    final class KemFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public KemFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Adapts a crypto-module KEM scheme, drawing randomness from {@code random}. */
    static NoiseKem of(KemScheme scheme, SecureRandom random) {
        Objects.requireNonNull(scheme);
        Objects.requireNonNull(random);
        return new NoiseKem() {
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
            public LocalKey generate() {
                return local(scheme.generate(random));
            }

            @Override
            public Encapsulation encapsulate(byte[] peerPublicKey) throws KemFailure {
                try {
                    KemPublicKey pk = scheme.publicKeyFromBytes(peerPublicKey);
                    try (KemEncapsulation e = scheme.encapsulate(pk, random)) {
                        return new Encapsulation(e.ciphertext(), e.sharedSecret());
                    }
                } catch (CryptoException | RuntimeException e) {
                    throw new KemFailure(scheme.name() + " encapsulation failed: " + e.getMessage(), e);
                }
            }
        };
    }

    /** Wraps a private key we own (e.g. our static link key) for the handshake; closing it closes the key. */
    static LocalKey local(KemPrivateKey key) {
        Objects.requireNonNull(key);
        return new LocalKey() {
            @Override
            public byte[] publicKey() {
                return key.publicKey().encoded();
            }

            @Override
            public byte[] decapsulate(byte[] ciphertext) throws KemFailure {
                try {
                    return key.scheme().decapsulate(key, ciphertext);
                } catch (CryptoException | RuntimeException e) {
                    throw new KemFailure(key.scheme().name() + " decapsulation failed: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                key.close();
            }
        };
    }
}
