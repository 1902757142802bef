package org.katzen4j.codec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.codec.cbor.CborReader;
import org.katzen4j.codec.cbor.CborValue;

/**
 * Fuzzes the CBOR reader with raw bytes. Only {@link DecodeException} may come out; whatever decodes must
 * survive a write/read cycle in both writer modes unchanged.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the committed inputs under
 * {@code src/test/resources/org/katzen4j/codec/fuzz/CborReaderFuzzTestInputs/}; {@code scripts/fuzz.sh} fuzzes.
 */
class CborReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        CborValue v;
        try {
            v = CborReader.decode(input);
        } catch (DecodeException expected) {
            return;
        }
        assertThat(roundTrip(v.encode())).isEqualTo(v);
        CborValue canonical = roundTrip(v.encodeCanonical());
        // Canonical encoding is a fixed point: encoding the decoded canonical form again gives the same bytes.
        assertThat(canonical.encodeCanonical()).isEqualTo(v.encodeCanonical());
    }

    private static CborValue roundTrip(byte[] encoded) {
        try {
            return CborReader.decode(encoded);
        } catch (DecodeException e) {
            throw new AssertionError("re-encoded item does not decode: " + e.getMessage(), e);
        }
    }
}
