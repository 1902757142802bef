/**
 * Pigeonhole: the storage layer under the channel API, byte-compatible with Katzenpost v0.0.71.
 *
 * <ul>
 *   <li>{@link org.katzen4j.pigeonhole.bacap} - BACAP capabilities, message box indexes, box IDs by
 *       Ed25519 key blinding, box encryption (agl GCM-SIV) and blinded signatures.</li>
 *   <li>{@link org.katzen4j.pigeonhole.mkem} - MKEM: one envelope encrypted to two replicas, over a
 *       {@link org.katzen4j.pigeonhole.mkem.Nike}.</li>
 *   <li>{@link org.katzen4j.pigeonhole.ctidh} - the replica NIKE CTIDH1024-X25519 via the native
 *       highctidh build.</li>
 *   <li>{@link org.katzen4j.pigeonhole.message} - every courier/replica message in the reference's
 *       trunnel layout.</li>
 *   <li>{@link org.katzen4j.pigeonhole.replica} - shard and intermediate replica selection, replica
 *       epochs, courier discovery.</li>
 *   <li>This package - {@link org.katzen4j.pigeonhole.PigeonholeGeometry}, box padding and the
 *       module's exception type.</li>
 * </ul>
 *
 * Not here: channel state, the thin-client commands and sending (daemon), PKI document parsing (pki).
 * Depends on codec, crypto (later) and sphinx (geometry).
 */
package org.katzen4j.pigeonhole;
