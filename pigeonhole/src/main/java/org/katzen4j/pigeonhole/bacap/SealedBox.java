package org.katzen4j.pigeonhole.bacap;

/**
 * One encrypted BACAP box: its ID (blinded public key, 32 bytes), ciphertext (plaintext + 16-byte
 * tag) and Ed25519 signature over the ciphertext (64 bytes). Arrays are copied in and out.
 */
public record SealedBox(byte[] boxId, byte[] ciphertext, byte[] signature) {
    public SealedBox {
        boxId = boxId.clone();
        ciphertext = ciphertext.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] boxId() {
        return boxId.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
