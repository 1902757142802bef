/**
 * CTIDH-1024 and the hybrid CTIDH1024-X25519 NIKE through {@code libk4jctidh1024}, built from the
 * public-domain highctidh sources (fetched at build time as a Go module) plus a JNI bridge kept in
 * {@code pigeonhole/native/ctidh}. JNI rather than the FFM API because FFM is a preview API in Java 21.
 * A missing library is reported by {@link org.katzen4j.pigeonhole.ctidh.Ctidh1024#requireAvailable()}.
 */
package org.katzen4j.pigeonhole.ctidh;
