package org.katzen4j.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.Objects;

import org.katzen4j.wire.noise.CipherState;
import org.katzen4j.wire.noise.NoiseKem;
import org.katzen4j.wire.noise.PqXXHandshake;

/**
 * The katzenpost wire handshake around {@link PqXXHandshake} (core/wire/session.go): a clear
 * prologue byte {@code 0x03} before message 1 (also mixed into h), the 260-byte {@link AuthMessage}
 * as the payload of messages 2 and 3, fixed message lengths read with exact reads (no length
 * prefixes), and the initiator authenticating the responder after message 2, before revealing
 * anything of its own. The responder authenticates the initiator after message 3.
 *
 * <pre>
 *   initiator -> 0x03 || e                                    1 + pk
 *   responder <- ekem || Enc(s) || Enc(auth)                  ct + pk + 16 + 260 + 16
 *   initiator -> Enc(skem) || Enc(s) || Enc(auth)             ct + 16 + pk + 16 + 260 + 16
 *   responder <- Enc(skem) || Enc(empty)                      ct + 16 + 16
 * </pre>
 */
public final class WireHandshake {
    public static final byte PROLOGUE = 0x03;
    /** The reference's MaxMessageSize for client and mix links. */
    public static final int REFERENCE_MAX_MESSAGE_SIZE = 500_000_000;

    /** Result of a completed handshake. */
    public record Outcome(Transport transport, PeerCredentials peer, long clockSkewSeconds) {}

    private WireHandshake() {}

    public static int message1Length(NoiseKem kem) {
        return 1 + PqXXHandshake.messageLength(kem, 0, 0);
    }

    public static int message2Length(NoiseKem kem) {
        return PqXXHandshake.messageLength(kem, 1, AuthMessage.LENGTH);
    }

    public static int message3Length(NoiseKem kem) {
        return PqXXHandshake.messageLength(kem, 2, AuthMessage.LENGTH);
    }

    public static int message4Length(NoiseKem kem) {
        return PqXXHandshake.messageLength(kem, 3, 0);
    }

    /**
     * Runs the initiator (client) side. {@code additionalData} is our queue ID; our time field is 0
     * as in the reference. The clock skew is our clock at message 2 minus the responder's time.
     */
    public static Outcome initiate(InputStream in, OutputStream out, NoiseKem kem, NoiseKem.LocalKey localStatic,
            byte[] additionalData, PeerAuthenticator authenticator, Clock clock, int maxFrameLength)
            throws WireException {
        Objects.requireNonNull(authenticator);
        AuthMessage ours = new AuthMessage(additionalData, 0);
        try (PqXXHandshake hs = PqXXHandshake.start(PqXXHandshake.Role.INITIATOR, kem, localStatic, new byte[] {PROLOGUE})) {
            byte[] e = hs.writeMessage(new byte[0]);
            byte[] m1 = new byte[1 + e.length];
            m1[0] = PROLOGUE;
            System.arraycopy(e, 0, m1, 1, e.length);
            write(out, m1, 1);

            byte[] m2 = read(in, message2Length(kem), 2);
            long now = clock.instant().getEpochSecond();
            AuthMessage theirs = AuthMessage.decode(hs.readMessage(m2));
            PeerCredentials peer = new PeerCredentials(hs.remoteStatic(), theirs.additionalData(), theirs.unixTime());
            authenticator.authenticate(peer);

            write(out, hs.writeMessage(ours.encode()), 3);

            byte[] m4 = read(in, message4Length(kem), 4);
            byte[] empty = hs.readMessage(m4);
            if (empty.length != 0 || hs.state() != PqXXHandshake.State.DONE) {
                throw new HandshakeException("message 4 did not finish the handshake");
            }
            CipherState[] cs = hs.split();
            return new Outcome(new Transport(cs[0], cs[1], maxFrameLength), peer, now - theirs.unixTime());
        }
    }

    /**
     * Runs the responder (gateway) side: checks the prologue byte, sends {@code additionalData} (a
     * gateway's identity key hash) with {@code unixTime}, authenticates the initiator after message 3.
     */
    public static Outcome respond(InputStream in, OutputStream out, NoiseKem kem, NoiseKem.LocalKey localStatic,
            byte[] additionalData, long unixTime, PeerAuthenticator authenticator, int maxFrameLength)
            throws WireException {
        Objects.requireNonNull(authenticator);
        AuthMessage ours = new AuthMessage(additionalData, unixTime);
        try (PqXXHandshake hs = PqXXHandshake.start(PqXXHandshake.Role.RESPONDER, kem, localStatic, new byte[] {PROLOGUE})) {
            byte[] m1 = read(in, message1Length(kem), 1);
            if (m1[0] != PROLOGUE) {
                throw new HandshakeException("unsupported protocol version " + (m1[0] & 0xff) + " (want 3)");
            }
            byte[] e = new byte[m1.length - 1];
            System.arraycopy(m1, 1, e, 0, e.length);
            byte[] p1 = hs.readMessage(e);
            if (p1.length != 0) {
                throw new HandshakeException("message 1 carries an unexpected payload");
            }
            write(out, hs.writeMessage(ours.encode()), 2);

            byte[] m3 = read(in, message3Length(kem), 3);
            AuthMessage theirs = AuthMessage.decode(hs.readMessage(m3));
            PeerCredentials peer = new PeerCredentials(hs.remoteStatic(), theirs.additionalData(), theirs.unixTime());
            authenticator.authenticate(peer);

            write(out, hs.writeMessage(new byte[0]), 4);
            CipherState[] cs = hs.split();
            return new Outcome(new Transport(cs[0], cs[1], maxFrameLength), peer, 0);
        }
    }

    private static void write(OutputStream out, byte[] msg, int index) throws HandshakeException {
        try {
            out.write(msg);
            out.flush();
        } catch (IOException e) {
            throw new HandshakeException(WireException.Kind.IO, "sending handshake message " + index + ": " + e, e);
        }
    }

    private static byte[] read(InputStream in, int len, int index) throws HandshakeException {
        byte[] b = new byte[len];
        int off = 0;
        try {
            while (off < len) {
                int n = in.read(b, off, len - off);
                if (n < 0) {
                    throw new EOFException();
                }
                off += n;
            }
            return b;
        } catch (SocketTimeoutException e) {
            throw new HandshakeException(WireException.Kind.TIMEOUT, "timed out waiting for handshake message " + index, e);
        } catch (EOFException e) {
            // A gateway that rejects our credentials closes the link instead of sending message 4.
            WireException.Kind kind = index == 4 ? WireException.Kind.REJECTED_BY_PEER : WireException.Kind.IO;
            throw new HandshakeException(kind, "peer closed the connection " + (off == 0 ? "before" : "during")
                    + " handshake message " + index + (index == 4 ? " (it rejected our credentials)" : ""), e);
        } catch (IOException e) {
            throw new HandshakeException(WireException.Kind.IO, "receiving handshake message " + index + ": " + e, e);
        }
    }
}
