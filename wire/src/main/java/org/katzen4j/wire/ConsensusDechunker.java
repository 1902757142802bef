package org.katzen4j.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

import org.katzen4j.wire.commands.Consensus2;

/**
 * Reassembles a {@link Consensus2} reply: the gateway gzips the signed consensus and sends it in
 * chunks numbered 0..total-1 in order (core/pki/chunking.go). Stricter than the reference: numbering
 * must start at 0 and increase by one, the total must stay the same and be at least 1, and both the
 * compressed and decompressed sizes are capped. An empty document (what a Go gateway sends when it
 * has nothing for the epoch) and error codes 1/2 become NOT_FOUND/GONE.
 */
public final class ConsensusDechunker {
    /** Default caps; a consensus of a large network with SPHINCS+ signatures is a few MiB. */
    public static final int DEFAULT_MAX_COMPRESSED = 64 << 20;
    public static final int DEFAULT_MAX_DOCUMENT = 128 << 20;

    private final long epoch;
    private final int maxCompressed;
    private final int maxDocument;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private long expected;
    private long total = -1;
    private int errorCode;

    public ConsensusDechunker(long epoch, int maxCompressed, int maxDocument) {
        this.epoch = epoch;
        this.maxCompressed = maxCompressed;
        this.maxDocument = maxDocument;
    }

    public ConsensusDechunker(long epoch) {
        this(epoch, DEFAULT_MAX_COMPRESSED, DEFAULT_MAX_DOCUMENT);
    }

    /**
     * Adds the next chunk; returns the reply when it was the last one, else null.
     *
     * @throws TransportException ({@link WireException.Kind#PROTOCOL}) for bad numbering, sizes or gzip
     */
    public ConsensusReply add(Consensus2 chunk) throws TransportException {
        if (chunk.chunkTotal() < 1) {
            throw protocol("Consensus2 with chunk total 0");
        }
        if (total < 0) {
            total = chunk.chunkTotal();
        } else if (chunk.chunkTotal() != total) {
            throw protocol("Consensus2 chunk total changed from " + total + " to " + chunk.chunkTotal());
        }
        if (chunk.chunkNum() != expected) {
            throw protocol("Consensus2 chunk " + chunk.chunkNum() + " arrived, expected " + expected);
        }
        if ((long) buf.size() + chunk.payloadLength() > maxCompressed) {
            throw protocol("compressed consensus larger than " + maxCompressed + " bytes");
        }
        if (chunk.errorCode() != 0) {
            errorCode = chunk.errorCode();
        }
        buf.writeBytes(chunk.payload());
        expected++;
        if (expected < total) {
            return null;
        }
        return finish();
    }

    private ConsensusReply finish() throws TransportException {
        if (errorCode == 1) {
            return new ConsensusReply(epoch, ConsensusReply.Status.NOT_FOUND, null);
        }
        if (errorCode == 2) {
            return new ConsensusReply(epoch, ConsensusReply.Status.GONE, null);
        }
        if (errorCode != 0) {
            throw protocol("Consensus2 with unknown error code " + errorCode);
        }
        byte[] doc = gunzip(buf.toByteArray(), maxDocument);
        if (doc.length == 0) {
            return new ConsensusReply(epoch, ConsensusReply.Status.NOT_FOUND, null);
        }
        return new ConsensusReply(epoch, ConsensusReply.Status.FOUND, doc);
    }

    static byte[] gunzip(byte[] compressed, int max) throws TransportException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] b = new byte[1 << 16];
            int n;
            while ((n = in.read(b)) > 0) {
                if ((long) out.size() + n > max) {
                    throw protocol("decompressed consensus larger than " + max + " bytes");
                }
                out.write(b, 0, n);
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new TransportException(WireException.Kind.PROTOCOL, "consensus is not valid gzip: " + e.getMessage(), e);
        }
    }

    private static TransportException protocol(String m) {
        return new TransportException(WireException.Kind.PROTOCOL, m);
    }
}
