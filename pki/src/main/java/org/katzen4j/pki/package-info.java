/**
 * The PKI consensus as a client uses it.
 *
 * <p>Owns: the signed certificate wrapper ({@link org.katzen4j.pki.Certificate}), the document
 * ({@link org.katzen4j.pki.DocumentBody}) with its mix/gateway/service descriptors ({@link
 * org.katzen4j.pki.MixDescriptor}, nested canonical CBOR) and storage replicas ({@link
 * org.katzen4j.pki.ReplicaDescriptor}) in both the canonical and the Go-default CBOR encodings,
 * threshold verification against the configured authorities ({@link
 * org.katzen4j.pki.UnverifiedDocument#verify} is the only way to a usable {@link
 * org.katzen4j.pki.Document}), epoch time ({@link org.katzen4j.pki.EpochTime}), the topology view a
 * path selector needs ({@link org.katzen4j.pki.NetworkTopology}), service lookup, and the
 * per-epoch cache ({@link org.katzen4j.pki.DocumentCache}). Every rejection is a {@link
 * org.katzen4j.pki.PkiException} whose kind names why.
 *
 * <p>Leaves to others: fetching the consensus over the gateway session (wire implements {@link
 * org.katzen4j.pki.ConsensusSource}), scheduling it in the daemon, path selection and packet
 * construction (sphinx builds packets from {@link org.katzen4j.sphinx.PathHop}s this module can
 * produce), and signature algorithms (crypto).
 */
package org.katzen4j.pki;
