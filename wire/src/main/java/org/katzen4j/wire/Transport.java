package org.katzen4j.wire;

import java.util.Objects;

import javax.crypto.AEADBadTagException;

import org.katzen4j.wire.noise.CipherState;

/**
 * Transport encryption after the handshake, one frame per command (core/wire/session.go):
 *
 * <pre>
 *   | AEAD(k, n,   ad="", BE32(L)) 20 bytes | AEAD(k, n+1, ad="", command) L bytes |   then k = REKEY(k)
 * </pre>
 *
 * where {@code L = len(command) + 16}. The nonce keeps counting across rekeys. Sending and receiving
 * use separate CipherStates and may run on different threads; each direction is serialised here.
 */
public final class Transport implements AutoCloseable {
    public static final int HEADER_LENGTH = 4 + CipherState.TAG_LENGTH;

    private final CipherState send;
    private final CipherState receive;
    private final int maxFrameLength;
    private final Object sendLock = new Object();
    private final Object receiveLock = new Object();
    private boolean receiveFailed;
    private volatile boolean closed;

    /**
     * @param maxFrameLength the largest body ciphertext {@code L} accepted; the reference allows
     *     500 000 000, we refuse anything larger than this cap before allocating
     */
    public Transport(CipherState send, CipherState receive, int maxFrameLength) {
        this.send = Objects.requireNonNull(send);
        this.receive = Objects.requireNonNull(receive);
        if (maxFrameLength < CipherState.TAG_LENGTH) {
            throw new IllegalArgumentException("max frame length too small");
        }
        this.maxFrameLength = maxFrameLength;
    }

    /** Encrypts one command into a frame (header then body) and rekeys the sending key. */
    public byte[] seal(byte[] command) throws TransportException {
        long len = (long) command.length + CipherState.TAG_LENGTH;
        if (len > maxFrameLength) {
            throw new TransportException(WireException.Kind.BAD_FRAME, "command of " + command.length
                    + " bytes exceeds the frame limit");
        }
        byte[] hdr = {(byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len};
        synchronized (sendLock) {
            if (closed || !send.hasKey()) {
                // a keyless CipherState would pass the plaintext through; never let that reach a socket
                throw new TransportException(WireException.Kind.CLOSED, "transport closed");
            }
            byte[] out = new byte[HEADER_LENGTH + (int) len];
            send.encryptWithAd(null, hdr, 0, hdr.length, out, 0);
            send.encryptWithAd(null, command, 0, command.length, out, HEADER_LENGTH);
            send.rekey();
            return out;
        }
    }

    /** Decrypts a 20-byte frame header and returns the body length {@code L} to read next. */
    public int openHeader(byte[] header) throws TransportException {
        synchronized (receiveLock) {
            checkUsable();
            if (header.length != HEADER_LENGTH) {
                throw poison("frame header must be 20 bytes");
            }
            byte[] p;
            try {
                p = receive.decryptWithAd(new byte[0], header);
            } catch (AEADBadTagException e) {
                throw poison("frame header failed to decrypt");
            }
            long len = ((long) (p[0] & 0xff) << 24) | ((p[1] & 0xff) << 16) | ((p[2] & 0xff) << 8) | (p[3] & 0xff);
            if (len < CipherState.TAG_LENGTH || len > maxFrameLength) {
                throw poison("frame length " + len + " out of range [16, " + maxFrameLength + "]");
            }
            return (int) len;
        }
    }

    /** Decrypts a frame body (after {@link #openHeader}) and rekeys the receiving key. */
    public byte[] openBody(byte[] body) throws TransportException {
        synchronized (receiveLock) {
            checkUsable();
            byte[] p;
            try {
                p = receive.decryptWithAd(new byte[0], body);
            } catch (AEADBadTagException e) {
                throw poison("frame body failed to decrypt");
            }
            receive.rekey();
            return p;
        }
    }

    private void checkUsable() throws TransportException {
        if (closed || !receive.hasKey()) {
            throw new TransportException(WireException.Kind.CLOSED, "transport closed");
        }
        if (receiveFailed) {
            throw new TransportException(WireException.Kind.BAD_FRAME, "receive side already failed");
        }
    }

    private TransportException poison(String message) {
        receiveFailed = true;
        return new TransportException(WireException.Kind.BAD_FRAME, message);
    }

    /** Rekeys both directions (as the reference does on close) and wipes the keys. */
    @Override
    public void close() {
        closed = true;
        synchronized (sendLock) {
            if (send.hasKey()) {
                send.rekey();
            }
            send.close();
        }
        synchronized (receiveLock) {
            if (receive.hasKey()) {
                receive.rekey();
            }
            receive.close();
        }
    }
}
