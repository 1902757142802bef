package org.katzen4j.pigeonhole.ctidh;

import java.security.SecureRandom;
import java.util.Arrays;

import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.PigeonholeException.Kind;
import org.katzen4j.pigeonhole.mkem.Nike;
import org.katzen4j.pigeonhole.mkem.NikeKeyPair;
import org.katzen4j.pigeonhole.mkem.X25519Nike;

/**
 * The replica NIKE of Pigeonhole, hpqc's hybrid {@code CTIDH1024-X25519}. Despite the name the X25519
 * part comes first: public key = X25519 (32) || CTIDH-1024 (128) = 160 bytes; private key = X25519 (32,
 * raw) || CTIDH-1024 (130) = 162 bytes; shared secret = X25519 DH || CTIDH DH = 160 bytes. Key
 * generation reads 32 bytes for X25519 and then CTIDH's sampler from the same generator, as the
 * reference does.
 */
public final class CtidhX25519Nike implements Nike {
    public static final String NAME = "CTIDH1024-X25519";
    public static final int PUBLIC_KEY_SIZE = X25519Nike.KEY_SIZE + Ctidh1024.PUBLIC_KEY_SIZE;
    public static final int PRIVATE_KEY_SIZE = X25519Nike.KEY_SIZE + Ctidh1024.PRIVATE_KEY_SIZE;
    public static final CtidhX25519Nike INSTANCE = new CtidhX25519Nike();

    private static final X25519Nike X = X25519Nike.INSTANCE;
    private static final int XS = X25519Nike.KEY_SIZE;

    private CtidhX25519Nike() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int publicKeySize() {
        return PUBLIC_KEY_SIZE;
    }

    @Override
    public int privateKeySize() {
        return PRIVATE_KEY_SIZE;
    }

    @Override
    public NikeKeyPair generateKeyPair(SecureRandom rng) throws PigeonholeException {
        Ctidh1024.requireAvailable();
        try (NikeKeyPair x = X.generateKeyPair(rng)) {
            byte[] ctidhPriv = Ctidh1024.generatePrivateKey(rng);
            byte[] ctidhPub = Ctidh1024.publicKey(ctidhPriv);
            byte[] priv = concat(x.privateKey(), ctidhPriv);
            byte[] pub = concat(x.publicKey(), ctidhPub);
            Arrays.fill(ctidhPriv, (byte) 0);
            NikeKeyPair kp = new NikeKeyPair(pub, priv);
            Arrays.fill(priv, (byte) 0);
            return kp;
        }
    }

    @Override
    public byte[] publicKey(byte[] privateKey) throws PigeonholeException {
        check(privateKey, PRIVATE_KEY_SIZE, "private");
        byte[] c = Arrays.copyOfRange(privateKey, XS, PRIVATE_KEY_SIZE);
        byte[] x = Arrays.copyOf(privateKey, XS);
        try {
            return concat(X.publicKey(x), Ctidh1024.publicKey(c));
        } finally {
            Arrays.fill(c, (byte) 0);
            Arrays.fill(x, (byte) 0);
        }
    }

    @Override
    public void validatePublicKey(byte[] publicKey) throws PigeonholeException {
        check(publicKey, PUBLIC_KEY_SIZE, "public");
        Ctidh1024.validate(Arrays.copyOfRange(publicKey, XS, PUBLIC_KEY_SIZE));
    }

    @Override
    public byte[] deriveSecret(byte[] privateKey, byte[] publicKey) throws PigeonholeException {
        check(privateKey, PRIVATE_KEY_SIZE, "private");
        check(publicKey, PUBLIC_KEY_SIZE, "public");
        byte[] x = Arrays.copyOf(privateKey, XS);
        byte[] c = Arrays.copyOfRange(privateKey, XS, PRIVATE_KEY_SIZE);
        try {
            byte[] s1 = X.deriveSecret(x, Arrays.copyOf(publicKey, XS));
            byte[] s2 = Ctidh1024.groupAction(c, Arrays.copyOfRange(publicKey, XS, PUBLIC_KEY_SIZE));
            return concat(s1, s2);
        } finally {
            Arrays.fill(x, (byte) 0);
            Arrays.fill(c, (byte) 0);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void check(byte[] k, int n, String what) throws PigeonholeException {
        if (k == null || k.length != n) {
            throw new PigeonholeException(Kind.BAD_KEY, NAME + " " + what + " key must be " + n + " bytes");
        }
    }
}
