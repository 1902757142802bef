package org.katzen4j.wire.noise;

import java.util.Arrays;
import java.util.Objects;

import javax.crypto.AEADBadTagException;

import org.katzen4j.wire.HandshakeException;

/**
 * The Noise {@code pqXX} handshake with a KEM, ChaChaPoly and BLAKE2b, byte-compatible with nyquist
 * v0.0.10 as katzenpost's wire protocol uses it:
 *
 * <pre>
 *   -> e                 msg 0 (initiator)
 *   <- ekem, s           msg 1 (responder)
 *   -> skem, s           msg 2 (initiator)
 *   <- skem              msg 3 (responder)
 * </pre>
 *
 * Token rules (nyquist's): {@code e} sends the ephemeral public key in clear and mixes it into h;
 * {@code ekem} encapsulates to the peer's ephemeral key, sends the ciphertext in clear, mixes it into
 * h and then <em>MixKey</em>s the shared secret; {@code s} sends the static public key with
 * EncryptAndHash; {@code skem} encapsulates to the peer's static key, sends the ciphertext with
 * EncryptAndHash and then <em>MixKeyAndHash</em>es the shared secret. Every message ends with
 * EncryptAndHash of its payload (possibly empty). After message 3 both sides {@link #split()}.
 *
 * <p>An explicit state machine: each call checks it is this role's turn, and any failure moves
 * to {@link State#FAILED} permanently and wipes the secrets. The message framing around it
 * (the clear prologue byte, fixed message lengths, the authentication payload) belongs to
 * {@link org.katzen4j.wire.WireHandshake}.
 */
public final class PqXXHandshake implements AutoCloseable {
    public enum Role { INITIATOR, RESPONDER }

    /** Which message comes next (0..3), or finished. */
    public enum State { MESSAGE_0, MESSAGE_1, MESSAGE_2, MESSAGE_3, DONE, FAILED }

    private final Role role;
    private final NoiseKem kem;
    private final NoiseKem.LocalKey localStatic;
    private final SymmetricState ss;
    private final String protocolName;
    private NoiseKem.LocalKey localEphemeral;
    private byte[] remoteEphemeral;
    private byte[] remoteStatic;
    private State state = State.MESSAGE_0;

    private PqXXHandshake(Role role, NoiseKem kem, NoiseKem.LocalKey localStatic, byte[] prologue) {
        this.role = Objects.requireNonNull(role);
        this.kem = Objects.requireNonNull(kem);
        this.localStatic = Objects.requireNonNull(localStatic);
        this.protocolName = protocolName(kem.name());
        this.ss = new SymmetricState(protocolName);
        ss.mixHash(prologue.clone());
    }

    /**
     * Starts a handshake. {@code localStatic} stays owned by the caller (it is not closed here).
     */
    public static PqXXHandshake start(Role role, NoiseKem kem, NoiseKem.LocalKey localStatic, byte[] prologue) {
        return new PqXXHandshake(role, kem, localStatic, prologue);
    }

    /** {@code Noise_pqXX_<KEM>_ChaChaPoly_BLAKE2b}. */
    public static String protocolName(String kemName) {
        return "Noise_pqXX_" + kemName + "_ChaChaPoly_BLAKE2b";
    }

    public String protocolName() {
        return protocolName;
    }

    public Role role() {
        return role;
    }

    public State state() {
        return state;
    }

    /** True when the next message is ours to write. */
    public boolean isMyTurn() {
        return switch (state) {
            case MESSAGE_0, MESSAGE_2 -> role == Role.INITIATOR;
            case MESSAGE_1, MESSAGE_3 -> role == Role.RESPONDER;
            default -> false;
        };
    }

    /** Length of handshake message {@code index} carrying a payload of {@code payloadLength} bytes. */
    public static int messageLength(NoiseKem kem, int index, int payloadLength) {
        int tag = CipherState.TAG_LENGTH;
        return switch (index) {
            case 0 -> kem.publicKeySize() + payloadLength; // no key yet: payload in clear
            case 1 -> kem.ciphertextSize() + kem.publicKeySize() + tag + payloadLength + tag;
            case 2 -> kem.ciphertextSize() + tag + kem.publicKeySize() + tag + payloadLength + tag;
            case 3 -> kem.ciphertextSize() + tag + payloadLength + tag;
            default -> throw new IllegalArgumentException("pqXX has messages 0..3");
        };
    }

    /** Writes the next message (our turn), ending with the encrypted {@code payload}. */
    public byte[] writeMessage(byte[] payload) throws HandshakeException {
        Objects.requireNonNull(payload);
        if (!isMyTurn()) {
            throw fail("writeMessage out of order in state " + state + " as " + role, null);
        }
        try {
            Out out = new Out();
            switch (state) {
                case MESSAGE_0 -> writeE(out);
                case MESSAGE_1 -> {
                    writeEkem(out);
                    writeS(out);
                }
                case MESSAGE_2 -> {
                    writeSkem(out);
                    writeS(out);
                }
                case MESSAGE_3 -> writeSkem(out);
                default -> throw new IllegalStateException();
            }
            out.add(ss.encryptAndHash(payload));
            advance();
            return out.bytes();
        } catch (NoiseKem.KemFailure e) {
            throw fail(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw fail("handshake message " + state + " failed: " + e, e);
        }
    }

    /** Reads the peer's next message and returns its decrypted payload. */
    public byte[] readMessage(byte[] message) throws HandshakeException {
        Objects.requireNonNull(message);
        if (isMyTurn() || state == State.DONE || state == State.FAILED) {
            throw fail("readMessage out of order in state " + state + " as " + role, null);
        }
        State which = state;
        try {
            In in = new In(message);
            switch (which) {
                case MESSAGE_0 -> readE(in);
                case MESSAGE_1 -> {
                    readEkem(in);
                    readS(in);
                }
                case MESSAGE_2 -> {
                    readSkem(in);
                    readS(in);
                }
                case MESSAGE_3 -> readSkem(in);
                default -> throw new IllegalStateException();
            }
            byte[] payload = ss.decryptAndHash(in.rest());
            advance();
            return payload;
        } catch (AEADBadTagException e) {
            throw fail("handshake message " + which + ": decryption failed", e);
        } catch (NoiseKem.KemFailure e) {
            throw fail("handshake message " + which + ": " + e.getMessage(), e);
        } catch (Truncated e) {
            throw fail("handshake message " + which + " truncated: " + e.getMessage(), null);
        } catch (RuntimeException e) {
            throw fail("handshake message " + which + " failed: " + e, e);
        }
    }

    /** The peer's static public key, once received (message 1 for the initiator, 2 for the responder). */
    public byte[] remoteStatic() {
        return remoteStatic == null ? null : remoteStatic.clone();
    }

    /** The handshake hash h (for tests and channel binding). */
    public byte[] handshakeHash() {
        return ss.handshakeHash();
    }

    /**
     * The transport keys, once {@link State#DONE}: {@code [send, receive]} for this role (Noise's
     * first CipherState is the initiator's sending one). Callable once.
     */
    public CipherState[] split() {
        if (state != State.DONE) {
            throw new IllegalStateException("split before the handshake finished (" + state + ")");
        }
        CipherState[] cs = ss.split();
        ss.close();
        state = State.FAILED; // the handshake object is spent
        return role == Role.INITIATOR ? cs : new CipherState[] {cs[1], cs[0]};
    }

    private void advance() {
        state = switch (state) {
            case MESSAGE_0 -> State.MESSAGE_1;
            case MESSAGE_1 -> State.MESSAGE_2;
            case MESSAGE_2 -> State.MESSAGE_3;
            case MESSAGE_3 -> State.DONE;
            default -> throw new IllegalStateException();
        };
        if (state == State.DONE) {
            closeEphemeral();
        }
    }

    // ---- tokens ----

    private void writeE(Out out) throws NoiseKem.KemFailure {
        localEphemeral = kem.generate();
        byte[] e = localEphemeral.publicKey();
        if (e.length != kem.publicKeySize()) {
            throw new IllegalStateException("KEM produced a public key of the wrong size");
        }
        ss.mixHash(e);
        out.add(e);
    }

    private void readE(In in) throws Truncated {
        remoteEphemeral = in.take(kem.publicKeySize(), "e");
        ss.mixHash(remoteEphemeral);
    }

    private void writeEkem(Out out) throws NoiseKem.KemFailure {
        NoiseKem.Encapsulation enc = kem.encapsulate(remoteEphemeral);
        checkCiphertext(enc);
        ss.mixHash(enc.ciphertext());
        ss.mixKey(enc.sharedSecret());
        Arrays.fill(enc.sharedSecret(), (byte) 0);
        out.add(enc.ciphertext());
    }

    private void readEkem(In in) throws Truncated, NoiseKem.KemFailure {
        byte[] ct = in.take(kem.ciphertextSize(), "ekem");
        ss.mixHash(ct);
        byte[] k = localEphemeral.decapsulate(ct);
        ss.mixKey(k);
        Arrays.fill(k, (byte) 0);
    }

    private void writeS(Out out) {
        out.add(ss.encryptAndHash(localStatic.publicKey()));
    }

    private void readS(In in) throws Truncated, AEADBadTagException {
        int len = kem.publicKeySize() + (ss.cipherState().hasKey() ? CipherState.TAG_LENGTH : 0);
        remoteStatic = ss.decryptAndHash(in.take(len, "s"));
    }

    private void writeSkem(Out out) throws NoiseKem.KemFailure {
        NoiseKem.Encapsulation enc = kem.encapsulate(remoteStatic);
        checkCiphertext(enc);
        out.add(ss.encryptAndHash(enc.ciphertext()));
        ss.mixKeyAndHash(enc.sharedSecret());
        Arrays.fill(enc.sharedSecret(), (byte) 0);
    }

    private void readSkem(In in) throws Truncated, AEADBadTagException, NoiseKem.KemFailure {
        int len = kem.ciphertextSize() + (ss.cipherState().hasKey() ? CipherState.TAG_LENGTH : 0);
        byte[] ct = ss.decryptAndHash(in.take(len, "skem"));
        byte[] k = localStatic.decapsulate(ct);
        ss.mixKeyAndHash(k);
        Arrays.fill(k, (byte) 0);
    }

    private void checkCiphertext(NoiseKem.Encapsulation enc) {
        if (enc.ciphertext().length != kem.ciphertextSize()) {
            throw new IllegalStateException("KEM produced a ciphertext of the wrong size");
        }
    }

    private HandshakeException fail(String message, Throwable cause) {
        state = State.FAILED;
        closeEphemeral();
        ss.close();
        return new HandshakeException(message, cause);
    }

    private void closeEphemeral() {
        if (localEphemeral != null) {
            localEphemeral.close();
            localEphemeral = null;
        }
    }

    @Override
    public void close() {
        if (state != State.DONE) {
            state = State.FAILED;
        }
        closeEphemeral();
        ss.close();
    }

    @Override
    public String toString() {
        return "PqXXHandshake[" + protocolName + ", " + role + ", " + state + "]";
    }

    private static final class Truncated extends Exception {
        private static final long serialVersionUID = 1L;

        Truncated(String m) {
            super(m, null, false, false);
        }
    }

    private static final class In {
        private final byte[] b;
        private int pos;

        In(byte[] b) {
            this.b = b;
        }

        byte[] take(int n, String what) throws Truncated {
            if (b.length - pos < n) {
                throw new Truncated("token " + what + " needs " + n + " bytes, " + (b.length - pos) + " left");
            }
            byte[] out = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        byte[] rest() {
            byte[] out = Arrays.copyOfRange(b, pos, b.length);
            pos = b.length;
            return out;
        }
    }

    private static final class Out {
        private byte[] buf = new byte[0];

        void add(byte[] part) {
            byte[] n = Arrays.copyOf(buf, buf.length + part.length);
            System.arraycopy(part, 0, n, buf.length, part.length);
            buf = n;
        }

        byte[] bytes() {
            return buf;
        }
    }
}
