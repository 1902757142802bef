package org.katzen4j.pigeonhole.bacap;

import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.PigeonholeException.Kind;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * The BACAP state for one message box: index i, blinding seed K_i, encryption seed E_i and the
 * chain key H_{i+1} from which the next index is derived. Immutable; {@link #close()} wipes it.
 *
 * <pre>
 *  0   8  Idx64              unsigned, little-endian
 *  8  32  CurBlindingFactor  K_i
 * 40  32  CurEncryptionKey   E_i
 * 72  32  HKDFState          H_{i+1}
 * </pre>
 */
public final class MessageBoxIndex implements AutoCloseable {
    /** Encoded size in bytes. */
    public static final int SIZE = 104;

    private final long idx;
    private final byte[] blinding;
    private final byte[] encryption;
    private final byte[] chain;

    private MessageBoxIndex(long idx, byte[] blinding, byte[] encryption, byte[] chain) {
        this.idx = idx;
        this.blinding = blinding;
        this.encryption = encryption;
        this.chain = chain;
    }

    /** Decodes the 104-byte form; any content is accepted, only the length is checked. */
    public static MessageBoxIndex fromBytes(byte[] b) throws PigeonholeException {
        if (b == null || b.length != SIZE) {
            throw new PigeonholeException(Kind.INVALID_INDEX, "message box index must be " + SIZE + " bytes");
        }
        long i = 0;
        for (int k = 7; k >= 0; k--) {
            i = (i << 8) | (b[k] & 0xff);
        }
        return new MessageBoxIndex(i, Arrays.copyOfRange(b, 8, 40), Arrays.copyOfRange(b, 40, 72),
                Arrays.copyOfRange(b, 72, 104));
    }

    public byte[] toBytes() {
        byte[] out = new byte[SIZE];
        for (int k = 0; k < 8; k++) {
            out[k] = (byte) (idx >>> (8 * k));
        }
        System.arraycopy(blinding, 0, out, 8, 32);
        System.arraycopy(encryption, 0, out, 40, 32);
        System.arraycopy(chain, 0, out, 72, 32);
        return out;
    }

    /**
     * A fresh first index: 32 random bytes of chain key, then 16 bytes forming a random start (two
     * little-endian halves with their low byte masked by 0x2f, added modulo 2^64, as the reference
     * does); the result is the index after that start.
     */
    static MessageBoxIndex random(SecureRandom rng) throws PigeonholeException {
        byte[] h = new byte[32];
        rng.nextBytes(h);
        byte[] b = new byte[16];
        rng.nextBytes(b);
        b[0] &= 0x2f;
        b[8] &= 0x2f;
        long start = le64(b, 0) + le64(b, 8);
        MessageBoxIndex s = new MessageBoxIndex(start, new byte[32], new byte[32], h);
        return s.next();
    }

    private static long le64(byte[] b, int off) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = (v << 8) | (b[off + k] & 0xff);
        }
        return v;
    }

    /** The message number i, an unsigned 64-bit value. */
    public long index() {
        return idx;
    }

    /** The index after this one. */
    public MessageBoxIndex next() throws PigeonholeException {
        if (idx == -1L) {
            throw new PigeonholeException(Kind.INDEX_EXHAUSTED, "message index space exhausted");
        }
        return advanceTo(idx + 1);
    }

    /**
     * The index numbered {@code target} (unsigned), derived by repeated steps; {@code target} equal to
     * this index returns this object; a smaller target is an error.
     */
    public MessageBoxIndex advanceTo(long target) throws PigeonholeException {
        if (Long.compareUnsigned(target, idx) < 0) {
            throw new PigeonholeException(Kind.INVALID_INDEX, "cannot move a message box index backwards");
        }
        if (target == idx) {
            return this;
        }
        long i = idx;
        byte[] h = chain.clone();
        byte[] e = new byte[32];
        byte[] k = new byte[32];
        byte[] info = new byte[8];
        while (Long.compareUnsigned(i, target) < 0) {
            for (int n = 0; n < 8; n++) {
                info[n] = (byte) (i >>> (8 * n));
            }
            byte[] okm = Hkdf.blake2b512(h, null, info, 96);
            System.arraycopy(okm, 0, h, 0, 32);
            System.arraycopy(okm, 32, e, 0, 32);
            System.arraycopy(okm, 64, k, 0, 32);
            Arrays.fill(okm, (byte) 0);
            i++;
        }
        return new MessageBoxIndex(i, k, e, h);
    }

    byte[] blindingForContext(byte[] ctx) {
        return Hkdf.blake2b512(blinding, ctx, new byte[0], 32);
    }

    byte[] encryptionKeyForContext(byte[] ctx) {
        return Hkdf.blake2b512(encryption, ctx, new byte[0], 32);
    }

    /** The box ID (blinded public key) of this index for the capability's root key and a context. */
    public byte[] boxId(ReadCap cap, byte[] ctx) {
        byte[] k = blindingForContext(ctx);
        try {
            return Ed25519Blinding.blindPublic(cap.rootPublicKeyRaw(), k);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /** Encrypts and signs a box plaintext for this index: AES-GCM-SIV (agl variant) then a blinded signature. */
    public SealedBox encrypt(WriteCap cap, byte[] ctx, byte[] plaintext) {
        byte[] k = blindingForContext(ctx);
        byte[] e = encryptionKeyForContext(ctx);
        byte[] box = Ed25519Blinding.blindPublic(cap.rootPublicKeyRaw(), k);
        byte[] ct = AglGcmSiv.seal(e, Arrays.copyOf(box, 16), plaintext, box);
        byte[] s = Ed25519Blinding.blindedScalar(cap.seedRaw(), k);
        byte[] sig = Ed25519Blinding.signWithScalar(s, box, ct);
        Arrays.fill(k, (byte) 0);
        Arrays.fill(e, (byte) 0);
        Arrays.fill(s, (byte) 0);
        return new SealedBox(box, ct, sig);
    }

    /**
     * Verifies {@code signature} over {@code ciphertext} with {@code boxId} as the Ed25519 key, then
     * decrypts with this index's key (as the reference's DecryptForContext: the box ID is taken as given).
     */
    public byte[] decrypt(byte[] boxId, byte[] ctx, byte[] ciphertext, byte[] signature) throws PigeonholeException {
        if (boxId == null || boxId.length != Bacap.BOX_ID_SIZE) {
            throw new PigeonholeException(Kind.BAD_SIGNATURE, "box ID must be 32 bytes");
        }
        if (!Ed25519Blinding.verify(boxId, ciphertext, signature)) {
            throw new PigeonholeException(Kind.BAD_SIGNATURE, "box signature does not verify");
        }
        byte[] e = encryptionKeyForContext(ctx);
        try {
            Optional<byte[]> pt = AglGcmSiv.open(e, Arrays.copyOf(boxId, 16), ciphertext, boxId);
            return pt.orElseThrow(() -> new PigeonholeException(Kind.DECRYPTION_FAILED, "box ciphertext does not authenticate"));
        } finally {
            Arrays.fill(e, (byte) 0);
        }
    }

    /** Recomputes this index's box ID from the capability, checks it, and decrypts. */
    public byte[] open(ReadCap cap, byte[] ctx, byte[] ciphertext, byte[] signature) throws PigeonholeException {
        return decrypt(boxId(cap, ctx), ctx, ciphertext, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageBoxIndex m && MessageDigest.isEqual(toBytes(), m.toBytes());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(idx);
    }

    @Override
    public String toString() {
        return "MessageBoxIndex[" + Long.toUnsignedString(idx) + "]";
    }

    @Override
    public void close() {
        Arrays.fill(blinding, (byte) 0);
        Arrays.fill(encryption, (byte) 0);
        Arrays.fill(chain, (byte) 0);
    }
}
