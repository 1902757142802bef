/**
 * The wire session between a client and its gateway, byte-compatible with katzenpost v0.0.71
 * ({@code core/wire}, nyquist v0.0.10). Depends on codec, crypto (the wire KEM, default
 * {@code XWING}) and sphinx (command sizes derive from the geometry); knows nothing of the PKI
 * worker or the daemon.
 *
 * <ul>
 *   <li>{@link org.katzen4j.wire.commands}: every client-link command, one record each, and
 *       {@link org.katzen4j.wire.commands.CommandCodec} with the reference's padding and a strict,
 *       length-first parser.</li>
 *   <li>{@link org.katzen4j.wire.noise}: the Noise {@code pqXX} KEM handshake as an explicit state
 *       machine ({@link org.katzen4j.wire.noise.PqXXHandshake}) and the ChaChaPoly CipherState with
 *       the generic REKEY.</li>
 *   <li>{@link org.katzen4j.wire.WireHandshake} (prologue, authentication payloads, fixed message
 *       sizes), {@link org.katzen4j.wire.Transport} (encrypted length header + body, rekey per
 *       frame), {@link org.katzen4j.wire.WireSession} (socket, deadlines, finalising NoOp).</li>
 *   <li>{@link org.katzen4j.wire.GatewayConnector} (dial with a fresh link key and queue ID, refuse a
 *       gateway whose keys differ from the PKI's) and {@link org.katzen4j.wire.GatewayClient}
 *       (polling with the reference's sequence rule, packet sending, and the chunked consensus fetch
 *       behind {@link org.katzen4j.wire.ConsensusFetcher}).</li>
 * </ul>
 *
 * Every failure caused by the peer is a {@link org.katzen4j.wire.WireException} with a
 * {@link org.katzen4j.wire.WireException.Kind}; all of them end the session.
 */
package org.katzen4j.wire;
