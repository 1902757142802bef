package org.katzen4j.sphinx.geo;

import org.katzen4j.sphinx.SphinxException;

/** A Sphinx geometry (from configuration or a PKI document) is unusable; the message says why. */
public final class GeometryException extends SphinxException {
    private static final long serialVersionUID = 1L;

    public GeometryException(String message) {
        super(Kind.INVALID_GEOMETRY, message);
    }
}
