/**
 * Byte-level encodings shared by every protocol module: a bounded {@code ByteReader} with an
 * explicit end check, and CBOR that reads what the Go reference's fxamacker/cbor reads and
 * writes exactly the bytes it writes (default struct-order mode and canonical mode).
 * Depends on Jackson's CBOR parser only; knows nothing of any protocol.
 */
package org.katzen4j.codec;
