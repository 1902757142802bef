/**
 * The thin-client wire protocol of Katzenpost v0.0.71, shared by the daemon's listener and the
 * Java thin client: {@link org.katzen4j.thinclient.protocol.Frames} (4-byte big-endian length +
 * one CBOR item, bounded), {@link org.katzen4j.thinclient.protocol.FrameDecoder} (incremental),
 * {@link org.katzen4j.thinclient.protocol.ThinRequest} (13 request kinds) and
 * {@link org.katzen4j.thinclient.protocol.ThinResponse} (events and channel replies), each
 * encoding byte-for-byte as the reference's {@code client2/thin} types under fxamacker/cbor's
 * default mode, and {@link org.katzen4j.thinclient.protocol.ErrorCode}. Uses the codec module's
 * CBOR reader/writer; owns no networking.
 */
package org.katzen4j.thinclient.protocol;
