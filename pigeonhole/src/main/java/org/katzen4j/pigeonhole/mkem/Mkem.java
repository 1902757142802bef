package org.katzen4j.pigeonhole.mkem;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.katzen4j.crypto.CryptoException;
import org.katzen4j.crypto.sym.ChaCha20Poly1305;
import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.PigeonholeException.Kind;

/**
 * Multi-recipient KEM over a {@link Nike} (hpqc {@code kem/mkem}): one envelope encrypted for
 * several replicas.
 *
 * <pre>
 * eph          = NIKE key pair
 * S_i          = BLAKE2b-256(DH(eph_priv, recipient_i))
 * msgKey       = 32 random bytes
 * envelope     = Seal(msgKey, plaintext)
 * DEK_i        = Seal(S_i, msgKey)                 (60 bytes)
 * Seal(k, p)   = nonce(12 random) || ChaCha20-Poly1305(k, nonce, p, no AAD)
 * reply        = Seal(BLAKE2b-256(DH(replica_priv, eph_pub)), inner)  -- key equals S_i
 * </pre>
 * Randomness is drawn in the reference's order: key pair, msgKey, envelope nonce, DEK nonces.
 */
public final class Mkem {
    public static final int DEK_SIZE = 60;
    public static final int NONCE_SIZE = 12;
    public static final int TAG_SIZE = 16;
    /** Bytes a Seal adds to its plaintext. */
    public static final int OVERHEAD = NONCE_SIZE + TAG_SIZE;

    private final Nike nike;
    private final SecureRandom rng;

    public Mkem(Nike nike, SecureRandom rng) {
        this.nike = nike;
        this.rng = rng;
    }

    public Nike nike() {
        return nike;
    }

    /**
     * The result of encapsulating: the ephemeral key pair (the private half is the daemon's
     * {@code EnvelopeKey}), one DEK and one reply key per recipient, and the envelope ciphertext.
     */
    public static final class Encapsulation implements AutoCloseable {
        private final NikeKeyPair ephemeral;
        private final List<byte[]> deks;
        private final List<byte[]> replyKeys;
        private final byte[] envelope;

        Encapsulation(NikeKeyPair ephemeral, List<byte[]> deks, List<byte[]> replyKeys, byte[] envelope) {
            this.ephemeral = ephemeral;
            this.deks = deks;
            this.replyKeys = replyKeys;
            this.envelope = envelope;
        }

        public byte[] ephemeralPublicKey() {
            return ephemeral.publicKey();
        }

        public byte[] ephemeralPrivateKey() {
            return ephemeral.privateKey();
        }

        public int recipients() {
            return deks.size();
        }

        public byte[] dek(int i) {
            return deks.get(i).clone();
        }

        /** S_i: opens the reply of recipient i without another key agreement. */
        public byte[] replyKey(int i) {
            return replyKeys.get(i).clone();
        }

        public byte[] envelope() {
            return envelope.clone();
        }

        @Override
        public void close() {
            ephemeral.close();
            replyKeys.forEach(k -> Arrays.fill(k, (byte) 0));
        }
    }

    static byte[] hash(byte[] secret) {
        Blake2bDigest d = new Blake2bDigest(256);
        d.update(secret, 0, secret.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    private byte[] seal(byte[] key, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_SIZE];
        rng.nextBytes(nonce);
        return sealWithNonce(key, nonce, plaintext);
    }

    static byte[] sealWithNonce(byte[] key, byte[] nonce, byte[] plaintext) {
        byte[] out = new byte[OVERHEAD + plaintext.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_SIZE);
        ChaCha20Poly1305.seal(key, nonce, null, plaintext, 0, plaintext.length, out, NONCE_SIZE);
        return out;
    }

    /** Opens nonce || ciphertext || tag; empty result on any failure. */
    static byte[] open(byte[] key, byte[] sealed) throws PigeonholeException {
        if (sealed == null || sealed.length < OVERHEAD) {
            throw new PigeonholeException(Kind.DECRYPTION_FAILED, "MKEM ciphertext too short");
        }
        byte[] out = new byte[sealed.length - OVERHEAD];
        try {
            ChaCha20Poly1305.open(key, Arrays.copyOf(sealed, NONCE_SIZE), null, sealed, NONCE_SIZE,
                    sealed.length - NONCE_SIZE, out, 0);
        } catch (CryptoException e) {
            throw new PigeonholeException(Kind.DECRYPTION_FAILED, "MKEM ciphertext does not authenticate");
        }
        return out;
    }

    /** Encrypts {@code plaintext} once for all {@code recipients} (their NIKE public keys). */
    public Encapsulation encapsulate(List<byte[]> recipients, byte[] plaintext) throws PigeonholeException {
        // each key agreement validates its public key (CTIDH: inside the group action), so no separate pass
        NikeKeyPair eph = nike.generateKeyPair(rng);
        byte[] ephPriv = eph.privateKey();
        List<byte[]> secrets = new ArrayList<>();
        try {
            for (byte[] pk : recipients) {
                byte[] raw = nike.deriveSecret(ephPriv, pk);
                secrets.add(hash(raw));
                Arrays.fill(raw, (byte) 0);
            }
        } finally {
            Arrays.fill(ephPriv, (byte) 0);
        }
        byte[] msgKey = new byte[32];
        rng.nextBytes(msgKey);
        byte[] envelope = seal(msgKey, plaintext);
        List<byte[]> deks = new ArrayList<>();
        for (byte[] s : secrets) {
            deks.add(seal(s, msgKey));
        }
        Arrays.fill(msgKey, (byte) 0);
        return new Encapsulation(eph, List.copyOf(deks), secrets, envelope);
    }

    /** Replica side: opens the first DEK that this key opens, then the envelope. */
    public byte[] decapsulate(byte[] privateKey, byte[] ephemeralPublicKey, List<byte[]> deks, byte[] envelope)
            throws PigeonholeException {
        byte[] raw = nike.deriveSecret(privateKey, ephemeralPublicKey);
        byte[] s = hash(raw);
        Arrays.fill(raw, (byte) 0);
        try {
            for (byte[] dek : deks) {
                byte[] msgKey;
                try {
                    msgKey = open(s, dek);
                } catch (PigeonholeException e) {
                    continue;
                }
                try {
                    if (msgKey.length != 32) {
                        continue;
                    }
                    return open(msgKey, envelope);
                } finally {
                    Arrays.fill(msgKey, (byte) 0);
                }
            }
        } finally {
            Arrays.fill(s, (byte) 0);
        }
        throw new PigeonholeException(Kind.DECRYPTION_FAILED, "no DEK opens with this key");
    }

    /** Replica side: encrypts a reply for the envelope's sender. */
    public byte[] envelopeReply(byte[] replicaPrivateKey, byte[] ephemeralPublicKey, byte[] plaintext)
            throws PigeonholeException {
        byte[] raw = nike.deriveSecret(replicaPrivateKey, ephemeralPublicKey);
        byte[] s = hash(raw);
        Arrays.fill(raw, (byte) 0);
        try {
            return seal(s, plaintext);
        } finally {
            Arrays.fill(s, (byte) 0);
        }
    }

    /** Client side: opens a replica's reply with the ephemeral private key and the replica's public key. */
    public byte[] decryptEnvelope(byte[] ephemeralPrivateKey, byte[] replicaPublicKey, byte[] reply)
            throws PigeonholeException {
        byte[] raw = nike.deriveSecret(ephemeralPrivateKey, replicaPublicKey);
        byte[] s = hash(raw);
        Arrays.fill(raw, (byte) 0);
        try {
            return open(s, reply);
        } finally {
            Arrays.fill(s, (byte) 0);
        }
    }

    /** Client side: opens a replica's reply with the reply key kept from {@link #encapsulate}. */
    public static byte[] openReply(byte[] replyKey, byte[] reply) throws PigeonholeException {
        if (replyKey == null || replyKey.length != 32) {
            throw new PigeonholeException(Kind.BAD_KEY, "reply key must be 32 bytes");
        }
        return open(replyKey, reply);
    }
}
