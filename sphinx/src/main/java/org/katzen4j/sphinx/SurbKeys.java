package org.katzen4j.sphinx;

import java.util.Arrays;

/**
 * The key material a SURB's creator keeps to decrypt the reply: for every hop of the SURB path in
 * reverse order its AEZ key (48) ‖ nonce (16), then the replier's key ‖ nonce (64). Opaque blob of
 * 64·(hops + 1) bytes, byte-identical to the reference's. Wipe with {@link #close()}.
 */
public final class SurbKeys implements AutoCloseable {
    public static final int ENTRY_LENGTH = 64;
    private final byte[] blob;

    private SurbKeys(byte[] blob) {
        this.blob = blob;
    }

    /** Wraps a copy of a stored key blob. */
    public static SurbKeys fromBytes(byte[] blob) throws SphinxException {
        if (blob.length < ENTRY_LENGTH || blob.length % ENTRY_LENGTH != 0) {
            throw new SphinxException(SphinxException.Kind.BAD_LENGTH,
                    "sphinx: invalid SURB decryption keys, length " + blob.length);
        }
        return new SurbKeys(blob.clone());
    }

    static SurbKeys adopt(byte[] blob) {
        return new SurbKeys(blob);
    }

    /** A copy of the blob, for storage. */
    public byte[] toBytes() {
        return blob.clone();
    }

    /** Number of AEZ layers (SURB hops + 1). */
    public int layers() {
        return blob.length / ENTRY_LENGTH;
    }

    byte[] ref() {
        return blob;
    }

    @Override
    public void close() {
        Arrays.fill(blob, (byte) 0);
    }

    @Override
    public String toString() {
        return "SurbKeys[" + layers() + " layers, redacted]";
    }
}
