package org.katzen4j.pigeonhole.query;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.pigeonhole.PaddedPayload;
import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.bacap.Bacap;
import org.katzen4j.pigeonhole.bacap.MessageBoxIndex;
import org.katzen4j.pigeonhole.bacap.ReadCap;
import org.katzen4j.pigeonhole.message.CopyCommandReply;
import org.katzen4j.pigeonhole.message.CourierEnvelopeReply;
import org.katzen4j.pigeonhole.message.CourierQueryReply;
import org.katzen4j.pigeonhole.message.ReplicaMessageReplyInnerMessage;
import org.katzen4j.pigeonhole.message.ReplicaReadReply;
import org.katzen4j.pigeonhole.message.ReplicaWriteReply;
import org.katzen4j.pigeonhole.mkem.Mkem;

/**
 * Interprets a courier's reply (the SURB payload, zero padding allowed) to a prepared query, in the
 * reference client's decision order, except that a read is decrypted with the index the query targeted
 * (not with a reader position that may have moved since).
 */
public final class ReplyReader {
    private ReplyReader() {}

    /** Parses the SURB reply payload; copy-command replies and garbage are a DecodeException. */
    public static CourierEnvelopeReply parse(byte[] surbPayload) throws DecodeException {
        CourierQueryReply r = CourierQueryReply.decodePadded(surbPayload);
        if (r instanceof CopyCommandReply) {
            throw new DecodeException("courier sent a copy-command reply");
        }
        return (CourierEnvelopeReply) r;
    }

    /**
     * The outcome of {@code reply} for {@code query}. For reads, {@code readCap} is the channel's read
     * capability (its root key derives the expected box ID); it may be null for writes.
     */
    public static ReplyOutcome read(PreparedQuery query, ReadCap readCap, CourierEnvelopeReply reply) {
        int ri = reply.replyIndex();
        if (reply.errorCode() != 0) {
            return new ReplyOutcome.CourierError(ri, reply.errorCode());
        }
        byte[] payload = reply.payload();
        if (reply.isAck() || payload.length == 0) {
            return new ReplyOutcome.Ack(ri);
        }
        if (ri > 1) {
            return new ReplyOutcome.Invalid(ri, "reply_index out of range");
        }
        byte[] inner;
        try {
            inner = Mkem.openReply(query.replyKey(ri), payload);
        } catch (PigeonholeException e) {
            return new ReplyOutcome.Invalid(ri, "replica reply does not decrypt");
        }
        return interpret(query.target(), readCap, ri, inner);
    }

    /** As {@link #read} but for a query resumed from a descriptor: decrypts with the ephemeral key (DH). */
    public static ReplyOutcome readWithEphemeralKey(Mkem mkem, byte[] ephemeralPrivateKey, byte[][] replicaPublicKeys,
            MessageBoxIndex target, ReadCap readCap, CourierEnvelopeReply reply) {
        int ri = reply.replyIndex();
        if (reply.errorCode() != 0) {
            return new ReplyOutcome.CourierError(ri, reply.errorCode());
        }
        if (reply.isAck() || reply.payload().length == 0) {
            return new ReplyOutcome.Ack(ri);
        }
        for (byte[] pub : replicaPublicKeys) {
            try {
                byte[] inner = mkem.decryptEnvelope(ephemeralPrivateKey, pub, reply.payload());
                return interpret(target, readCap, ri, inner);
            } catch (PigeonholeException e) {
                // try the other replica's key, as the reference does
            }
        }
        return new ReplyOutcome.Invalid(ri, "replica reply does not decrypt");
    }

    private static ReplyOutcome interpret(MessageBoxIndex target, ReadCap readCap, int ri, byte[] inner) {
        ReplicaMessageReplyInnerMessage m;
        try {
            m = ReplicaMessageReplyInnerMessage.decode(inner);
        } catch (DecodeException e) {
            return new ReplyOutcome.Invalid(ri, "replica reply does not parse: " + e.getMessage());
        }
        if (m instanceof ReplicaWriteReply w) {
            return new ReplyOutcome.WriteResult(ri, w.errorCode());
        }
        ReplicaReadReply rr = (ReplicaReadReply) m;
        if (rr.errorCode() == ReplicaMessageReplyInnerMessage.BOX_NOT_FOUND) {
            return new ReplyOutcome.NotFound(ri);
        }
        if (rr.errorCode() != ReplicaMessageReplyInnerMessage.SUCCESS) {
            return new ReplyOutcome.ReplicaError(ri, rr.errorCode());
        }
        if (readCap == null) {
            return new ReplyOutcome.Invalid(ri, "read reply for a query without a read capability");
        }
        if (rr.hasZeroSignature()) {
            return new ReplyOutcome.Invalid(ri, "read reply carries no signature");
        }
        try {
            byte[] padded = target.open(readCap, Bacap.pigeonholeContext(), rr.payload(), rr.signature());
            return new ReplyOutcome.Message(ri, PaddedPayload.extract(padded));
        } catch (PigeonholeException e) {
            return new ReplyOutcome.Invalid(ri, e.getMessage());
        }
    }
}
