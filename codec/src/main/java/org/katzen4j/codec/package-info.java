/**
 * Byte-level encodings shared by every protocol module: a bounded {@code ByteReader} with an
 * explicit end check, and CBOR that reads what the Go reference's fxamacker/cbor reads and
 * writes exactly the bytes it writes (default struct-order mode and canonical mode).
 * Depends on nothing but the JDK; knows nothing of any protocol. (CBOR is hand-written because the reference uses byte-string and integer map keys and exact head widths that general-purpose CBOR libraries do not round-trip.)
 */
package org.katzen4j.codec;
