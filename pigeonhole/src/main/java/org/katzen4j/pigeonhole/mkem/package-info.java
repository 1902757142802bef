/**
 * The multi-recipient KEM of hpqc ({@link org.katzen4j.pigeonhole.mkem.Mkem}) over a
 * {@link org.katzen4j.pigeonhole.mkem.Nike}: {@link org.katzen4j.pigeonhole.mkem.X25519Nike} for tests and
 * {@link org.katzen4j.pigeonhole.ctidh.CtidhX25519Nike} for the network.
 */
package org.katzen4j.pigeonhole.mkem;
