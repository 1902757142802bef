/**
 * The Sphinx geometry: the 14 sizes (and scheme name) the reference's {@code geo.Geometry} carries in
 * client configuration (TOML table {@code [SphinxGeometry]}) and in PKI documents (CBOR), their
 * derivation from a scheme, hop count and user payload length, validation, and the geometry hash.
 * No TOML or JSON library: callers map with {@link org.katzen4j.sphinx.geo.Geometry#toMap()} /
 * {@link org.katzen4j.sphinx.geo.Geometry#fromMap(java.util.Map)}.
 */
package org.katzen4j.sphinx.geo;
