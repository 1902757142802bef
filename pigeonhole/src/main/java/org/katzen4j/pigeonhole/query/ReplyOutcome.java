package org.katzen4j.pigeonhole.query;

/** What one courier reply to a prepared query means for the application. */
public sealed interface ReplyOutcome {
    /** The courier slot (0/1) the reply came from, or -1 where none applies. */
    int replyIndex();

    /** The courier acknowledged the envelope, or had no cached replica reply yet (empty payload). */
    record Ack(int replyIndex) implements ReplyOutcome {}

    /** A read found, verified and decrypted the box: the application's message. */
    record Message(int replyIndex, byte[] message) implements ReplyOutcome {
        public Message {
            message = message.clone();
        }

        @Override
        public byte[] message() {
            return message.clone();
        }
    }

    /** The replica does not have the box (yet). */
    record NotFound(int replyIndex) implements ReplyOutcome {}

    /** The courier reported an envelope error (1 invalid envelope, 2 cache corruption, 3 propagation). */
    record CourierError(int replyIndex, int errorCode) implements ReplyOutcome {}

    /** The replica answered a read with an error code other than "not found". */
    record ReplicaError(int replyIndex, int errorCode) implements ReplyOutcome {}

    /** A decodable write reply (the v0.0.71 replica never sends one). */
    record WriteResult(int replyIndex, int errorCode) implements ReplyOutcome {}

    /**
     * The reply could not be used: undecryptable, unparsable (this includes the v0.0.71 replica's
     * one-byte write reply), a zero signature, or a box that does not verify or decrypt.
     */
    record Invalid(int replyIndex, String reason) implements ReplyOutcome {}
}
