package org.katzen4j.crypto.sym;

import org.bouncycastle.crypto.StreamCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Keystreams as the reference uses them: AES-CTR with a full 128-bit big-endian counter starting at
 * the IV (Go {@code cipher.NewCTR}; Sphinx header encryption) and ChaCha20 with an 8-byte nonce
 * (original construction, 64-bit counter; Sphinx's blinding-factor stream) or a 12-byte RFC 8439
 * nonce.
 */
public final class StreamCiphers {
    private StreamCiphers() {
    }

    /** {@code in} XOR the AES-CTR keystream; key 16, 24 or 32 bytes, IV 16 bytes. */
    public static byte[] aesCtr(byte[] key, byte[] iv, byte[] in) {
        if (iv.length != 16) {
            throw new IllegalArgumentException("AES-CTR IV must be 16 bytes, got " + iv.length);
        }
        StreamCipher c = SICBlockCipher.newInstance(AESEngine.newInstance());
        c.init(true, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] out = new byte[in.length];
        c.processBytes(in, 0, in.length, out, 0);
        return out;
    }

    /** {@code length} bytes of AES-CTR keystream. */
    public static byte[] aesCtrKeystream(byte[] key, byte[] iv, int length) {
        return aesCtr(key, iv, new byte[length]);
    }

    /**
     * {@code length} bytes of ChaCha20 keystream (block counter starting at 0) for a 32-byte key and an
     * 8-byte (original) or 12-byte (RFC 8439) nonce.
     */
    public static byte[] chacha20Keystream(byte[] key, byte[] nonce, int length) {
        if (key.length != 32) {
            throw new IllegalArgumentException("ChaCha20 key must be 32 bytes, got " + key.length);
        }
        StreamCipher c = switch (nonce.length) {
            case 8 -> new ChaChaEngine(20);
            case 12 -> new ChaCha7539Engine();
            default -> throw new IllegalArgumentException("ChaCha20 nonce must be 8 or 12 bytes, got " + nonce.length);
        };
        c.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] out = new byte[length];
        c.processBytes(new byte[length], 0, length, out, 0);
        return out;
    }
}
