/**
 * Courier and replica messages in the reference's trunnel binary layout (big-endian integers, explicit
 * length fields, one-byte union discriminators restricted to 0/1). One record per message; the unions are
 * sealed interfaces ({@link org.katzen4j.pigeonhole.message.CourierQuery},
 * {@link org.katzen4j.pigeonhole.message.CourierQueryReply},
 * {@link org.katzen4j.pigeonhole.message.ReplicaInnerMessage},
 * {@link org.katzen4j.pigeonhole.message.ReplicaMessageReplyInnerMessage}). Decoders are bounded and strict;
 * the two outer messages also have a {@code decodePadded} that ignores the zero padding after the message, as
 * the reference does.
 */
package org.katzen4j.pigeonhole.message;
