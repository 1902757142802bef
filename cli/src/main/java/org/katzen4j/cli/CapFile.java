package org.katzen4j.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Properties;

import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.ReadCap;
import org.katzen4j.thinclient.protocol.WriteCap;

/**
 * A Pigeonhole capability in a file, with the channel position and a prepared-but-unconfirmed
 * query, so that a channel survives across {@code katzen} runs and daemon restarts.
 *
 * <p>Text format (Java properties, hex values, written atomically with mode 0600):
 * <pre>
 * format = katzen4j-capability-1
 * kind = write | read
 * cap = 168-byte write cap or 136-byte read cap
 * next-index = 104-byte message box index the next write/read targets (absent: the cap's first box)
 * pending.payload, pending.current-index, pending.next-index, pending.envelope-hash,
 * pending.envelope-descriptor, pending.reply-index = a prepared query not known to be done
 * </pre>
 * A read capability file can be handed to another person; a write capability file must stay private.
 */
final class CapFile {
    static final String FORMAT = "katzen4j-capability-1";

    enum Kind { WRITE, READ }

    /** A prepared query (a write_channel_reply or read_channel_reply) persisted before it is sent. */
    record Pending(byte[] payload, MessageBoxIndex currentIndex, MessageBoxIndex nextIndex, Hash256 envelopeHash,
            byte[] envelopeDescriptor, Integer replyIndex) {
    }

    final Kind kind;
    final byte[] cap;
    MessageBoxIndex nextIndex;
    Pending pending;

    CapFile(Kind kind, byte[] cap, MessageBoxIndex nextIndex, Pending pending) {
        this.kind = kind;
        this.cap = cap.clone();
        this.nextIndex = nextIndex;
        this.pending = pending;
        int want = kind == Kind.WRITE ? WriteCap.LENGTH : ReadCap.LENGTH;
        if (cap.length != want) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " cap must be " + want + " bytes, not " + cap.length);
        }
    }

    static CapFile ofWrite(WriteCap w) {
        return new CapFile(Kind.WRITE, w.toByteArray(), null, null);
    }

    static CapFile ofRead(ReadCap r) {
        return new CapFile(Kind.READ, r.toByteArray(), null, null);
    }

    WriteCap writeCap() {
        return WriteCap.of(cap);
    }

    ReadCap readCap() {
        return ReadCap.of(cap);
    }

    static CapFile load(Path file) throws CliException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliException("capability file " + file + " does not exist");
        } catch (IOException e) {
            throw new CliException("cannot read capability file " + file + ": " + e.getMessage());
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(file + ": not a capability file: " + e.getMessage());
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new CliException(file + ": not a katzen4j capability file (format = " + p.getProperty("format") + ")");
        }
        try {
            Kind kind = switch (String.valueOf(p.getProperty("kind"))) {
                case "write" -> Kind.WRITE;
                case "read" -> Kind.READ;
                default -> throw new CliException(file + ": kind must be write or read");
            };
            byte[] cap = hex(p, "cap", file);
            if (cap == null) {
                throw new CliException(file + ": cap is missing");
            }
            MessageBoxIndex next = index(hex(p, "next-index", file));
            Pending pending = null;
            byte[] payload = hex(p, "pending.payload", file);
            if (payload != null) {
                String ri = p.getProperty("pending.reply-index");
                byte[] hash = hex(p, "pending.envelope-hash", file);
                pending = new Pending(payload, index(hex(p, "pending.current-index", file)),
                        index(hex(p, "pending.next-index", file)), hash == null ? null : Hash256.of(hash),
                        hex(p, "pending.envelope-descriptor", file), ri == null ? null : Integer.valueOf(ri.trim()));
            }
            return new CapFile(kind, cap, next, pending);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage());
        }
    }

    private static MessageBoxIndex index(byte[] b) {
        return b == null ? null : MessageBoxIndex.of(b);
    }

    private static byte[] hex(Properties p, String key, Path file) throws CliException {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(v.trim());
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + key + " is not hex");
        }
    }

    String render() {
        StringBuilder b = new StringBuilder();
        b.append(kind == Kind.WRITE
                ? "# katzen4j Pigeonhole WRITE capability. Keep it private: whoever holds it can write this channel.\n"
                : "# katzen4j Pigeonhole READ capability. Whoever holds it can read this channel.\n");
        b.append("format = ").append(FORMAT).append('\n');
        b.append("kind = ").append(kind == Kind.WRITE ? "write" : "read").append('\n');
        b.append("cap = ").append(HexFormat.of().formatHex(cap)).append('\n');
        if (nextIndex != null) {
            b.append("next-index = ").append(HexFormat.of().formatHex(nextIndex.toByteArray())).append('\n');
        }
        if (pending != null) {
            b.append("# a prepared query that may not have reached the courier; 'katzen channel resume' re-sends it\n");
            put(b, "pending.payload", pending.payload());
            put(b, "pending.current-index", pending.currentIndex() == null ? null : pending.currentIndex().toByteArray());
            put(b, "pending.next-index", pending.nextIndex() == null ? null : pending.nextIndex().toByteArray());
            put(b, "pending.envelope-hash", pending.envelopeHash() == null ? null : pending.envelopeHash().toByteArray());
            put(b, "pending.envelope-descriptor", pending.envelopeDescriptor());
            if (pending.replyIndex() != null) {
                b.append("pending.reply-index = ").append(pending.replyIndex()).append('\n');
            }
        }
        return b.toString();
    }

    private static void put(StringBuilder b, String key, byte[] v) {
        if (v != null) {
            b.append(key).append(" = ").append(HexFormat.of().formatHex(v)).append('\n');
        }
    }

    /** Writes the file atomically (temporary file in the same directory, then rename), mode 0600 where POSIX. */
    void save(Path file, boolean mustNotExist) throws IOException {
        Path abs = file.toAbsolutePath();
        if (mustNotExist && Files.exists(abs)) {
            throw new FileAlreadyExistsException(file + " exists (use --force to overwrite)");
        }
        Path dir = abs.getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        }
        try {
            Files.writeString(tmp, render(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
