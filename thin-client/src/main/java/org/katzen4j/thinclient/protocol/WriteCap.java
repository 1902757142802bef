package org.katzen4j.thinclient.protocol;

import java.util.Arrays;

/**
 * A BACAP write capability as it travels on the thin protocol: 168 bytes (64-byte Ed25519 root
 * private key in Go's seed‖public form, then the 104-byte first message box index). Secret:
 * never printed; {@link #close()} wipes the held copy.
 */
public final class WriteCap extends FixedBytes implements AutoCloseable {
    public static final int LENGTH = 168;

    private WriteCap(byte[] b) {
        super(b, LENGTH, "write capability");
    }

    public static WriteCap of(byte[] bytes) {
        return new WriteCap(bytes);
    }

    /** The matching read capability: the public key (bytes 32..64) followed by the first index. */
    public ReadCap readCap() {
        byte[] rc = new byte[ReadCap.LENGTH];
        System.arraycopy(bytes, 32, rc, 0, 32);
        System.arraycopy(bytes, 64, rc, 32, MessageBoxIndex.LENGTH);
        return ReadCap.of(rc);
    }

    @Override
    public void close() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "WriteCap[redacted]";
    }
}
