/**
 * Sphinx, byte-compatible with Katzenpost v0.0.71 {@code core/sphinx}: the packet geometry
 * ({@link org.katzen4j.sphinx.geo.Geometry}), routing commands ({@code commands}), packet creation,
 * unwrap, SURBs and reply decryption ({@link org.katzen4j.sphinx.Sphinx}) for NIKE (x25519) and KEM
 * (XWING, MLKEM768 via the crypto module) geometries, the forward payload framing
 * ({@link org.katzen4j.sphinx.ForwardPayload}), SURB ids and key blobs, and client path selection
 * with per-hop delays ({@code path}), over a small topology interface the pki module implements.
 *
 * <p>Leaves to others: PKI documents and descriptors (pki), the wire link (wire), what a reply
 * payload means (pigeonhole, daemon), reply tables and timers (daemon). The payload SPRP (AEZ v5)
 * and the Sphinx KDF/MAC/stream live in {@code internal} and are not API.
 *
 * <p>Every failure caused by bytes from outside is a checked {@link org.katzen4j.sphinx.SphinxException}
 * with a {@link org.katzen4j.sphinx.SphinxException.Kind}; routing-command parsing throws
 * {@link org.katzen4j.codec.DecodeException} ({@link org.katzen4j.sphinx.commands.UnknownCommandException}
 * for unknown command bytes).
 */
package org.katzen4j.sphinx;
