package org.katzen4j.codec.cbor;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.katzen4j.codec.DecodeException;

/**
 * One decoded CBOR data item. Maps keep their keys in wire order and allow any key type,
 * because the reference uses byte-string and integer keys (PKI shared-random maps, mix keys by
 * epoch). Typed accessors throw {@link DecodeException} naming the expected type, so decoders of
 * peer input never see a ClassCastException.
 */
public sealed interface CborValue permits CborValue.UInt, CborValue.NInt, CborValue.Bytes, CborValue.Text,
        CborValue.Array, CborValue.Tag, CborValue.Bool, CborValue.Float64, CborValue.Simple, CborValue.Null,
        CborValue.Undefined, CborMap {

    /** Human-readable type name for error messages. */
    String typeName();

    /** Encodes this item as Go's fxamacker/cbor default mode would (maps in stored order). */
    default byte[] encode() {
        CborWriter w = new CborWriter();
        w.value(this);
        return w.toByteArray();
    }

    /**
     * Encodes this item in fxamacker's canonical mode: map keys sorted length-first then
     * bytewise by their encoding, shortest exact float form, definite lengths only.
     */
    default byte[] encodeCanonical() {
        CborWriter w = new CborWriter(CborWriter.Mode.CANONICAL);
        w.value(this);
        return w.toByteArray();
    }

    default boolean isNull() {
        return this instanceof Null || this instanceof Undefined;
    }

    private DecodeException wrong(String what, String expected) {
        return new DecodeException(what + ": expected " + expected + ", got " + typeName());
    }

    default byte[] asBytes(String what) throws DecodeException {
        if (this instanceof Bytes b) {
            return b.value();
        }
        throw wrong(what, "byte string");
    }

    /** A byte string of exactly {@code len} bytes. */
    default byte[] asBytes(String what, int len) throws DecodeException {
        byte[] b = asBytes(what);
        if (b.length != len) {
            throw new DecodeException(what + ": expected " + len + " bytes, got " + b.length);
        }
        return b;
    }

    /** A byte string, or null for CBOR null/undefined. */
    default byte[] asBytesOrNull(String what) throws DecodeException {
        return isNull() ? null : asBytes(what);
    }

    default String asText(String what) throws DecodeException {
        if (this instanceof Text t) {
            return t.value();
        }
        throw wrong(what, "text string");
    }

    default boolean asBool(String what) throws DecodeException {
        if (this instanceof Bool b) {
            return b.value();
        }
        throw wrong(what, "bool");
    }

    /** An unsigned integer in [0, max]. */
    default long asUnsigned(String what, long max) throws DecodeException {
        if (this instanceof UInt u) {
            if (u.bits() < 0 || u.bits() > max) {
                throw new DecodeException(what + ": " + Long.toUnsignedString(u.bits()) + " out of range 0.." + max);
            }
            return u.bits();
        }
        throw wrong(what, "unsigned integer");
    }

    /** Any integer that fits a Java long. */
    default long asLong(String what) throws DecodeException {
        if (this instanceof UInt u && u.bits() >= 0) {
            return u.bits();
        }
        if (this instanceof NInt n && n.bits() >= 0) {
            return -1 - n.bits();
        }
        if (this instanceof UInt || this instanceof NInt) {
            throw new DecodeException(what + ": integer out of the 64-bit signed range");
        }
        throw wrong(what, "integer");
    }

    default double asDouble(String what) throws DecodeException {
        if (this instanceof Float64 f) {
            return f.value();
        }
        if (this instanceof UInt || this instanceof NInt) {
            return asLong(what);
        }
        throw wrong(what, "number");
    }

    default CborMap asMap(String what) throws DecodeException {
        if (this instanceof CborMap m) {
            return m;
        }
        throw wrong(what, "map");
    }

    default List<CborValue> asArray(String what) throws DecodeException {
        if (this instanceof Array a) {
            return a.items();
        }
        throw wrong(what, "array");
    }

    // ---------------------------------------------------------------- the item types

    /** Major type 0. {@code bits} is the unsigned 64-bit value held in a long. */
    record UInt(long bits) implements CborValue {
        public String typeName() {
            return "unsigned integer";
        }

        public BigInteger toBigInteger() {
            return new BigInteger(Long.toUnsignedString(bits));
        }
    }

    /** Major type 1: the value is -1 - bits (bits unsigned). */
    record NInt(long bits) implements CborValue {
        public String typeName() {
            return "negative integer";
        }
    }

    record Bytes(byte[] value) implements CborValue {
        public Bytes {
            Objects.requireNonNull(value);
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        public int length() {
            return value.length;
        }

        public String typeName() {
            return "byte string";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "h'" + HexFormat.of().formatHex(value) + "'";
        }
    }

    record Text(String value) implements CborValue {
        public Text {
            Objects.requireNonNull(value);
        }

        public String typeName() {
            return "text string";
        }
    }

    record Array(List<CborValue> items) implements CborValue {
        public Array {
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }

        public String typeName() {
            return "array";
        }
    }

    record Tag(long tag, CborValue content) implements CborValue {
        public String typeName() {
            return "tag " + Long.toUnsignedString(tag);
        }
    }

    record Bool(boolean value) implements CborValue {
        public String typeName() {
            return "bool";
        }
    }

    record Float64(double value) implements CborValue {
        public String typeName() {
            return "float";
        }
    }

    /** A simple value other than false/true/null/undefined (0..19, 32..255). */
    record Simple(int value) implements CborValue {
        public String typeName() {
            return "simple value " + value;
        }
    }

    enum Null implements CborValue {
        INSTANCE;

        public String typeName() {
            return "null";
        }
    }

    enum Undefined implements CborValue {
        INSTANCE;

        public String typeName() {
            return "undefined";
        }
    }

    // ---------------------------------------------------------------- factories

    static CborValue of(long unsignedOrSigned) {
        return unsignedOrSigned >= 0 ? new UInt(unsignedOrSigned) : new NInt(-1 - unsignedOrSigned);
    }

    static CborValue of(String text) {
        return text == null ? Null.INSTANCE : new Text(text);
    }

    static CborValue of(byte[] bytes) {
        return bytes == null ? Null.INSTANCE : new Bytes(bytes.clone());
    }

    static CborValue of(boolean b) {
        return new Bool(b);
    }

    static CborValue nul() {
        return Null.INSTANCE;
    }
}
