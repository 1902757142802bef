package org.katzen4j.codec.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.katzen4j.codec.DecodeException;

class CborReaderTest {
    private static byte[] h(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    void integersUseTheShortestHead() {
        assertThat(new CborWriter().uint(5).toByteArray()).isEqualTo(h("05"));
        assertThat(new CborWriter().uint(300).toByteArray()).isEqualTo(h("19012c"));
        assertThat(new CborWriter().uint(65535).toByteArray()).isEqualTo(h("19ffff"));
        assertThat(new CborWriter().uint(-1L).toByteArray()).isEqualTo(h("1bffffffffffffffff"));
        assertThat(new CborWriter().integer(-1).toByteArray()).isEqualTo(h("20"));
        assertThat(new CborWriter().integer(-257).toByteArray()).isEqualTo(h("390100"));
    }

    @Test
    void nullForNilSlicesAndEmptyByteString() {
        assertThat(new CborWriter().bytes(null).toByteArray()).isEqualTo(h("f6"));
        assertThat(new CborWriter().bytes(new byte[0]).toByteArray()).isEqualTo(h("40"));
    }

    @Test
    void mapLookupIsExactThenCaseInsensitive() throws Exception {
        CborMap m2 = CborMap.builder().put("Write_Channel", 1).put("query_id", 2).build();
        CborMap back = CborReader.decode(m2.encode()).asMap("m");
        assertThat(back.get("write_channel").asLong("x")).isEqualTo(1);
        assertThat(back.get("query_id").asLong("x")).isEqualTo(2);
        assertThat(back.get("absent")).isNull();
        // an exact key wins over an earlier case-insensitive one; otherwise the first loose one in wire order
        CborMap m3 = CborReader.decode(CborMap.builder().put("KEY", 1).put("Key", 2).put("key", 3).build().encode())
                .asMap("m");
        assertThat(m3.get("key").asLong("x")).isEqualTo(3);
        assertThat(m3.get("kEY").asLong("x")).isEqualTo(1);
        assertThat(m3.entries()).hasSize(3);
        assertThatThrownBy(() -> m3.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void indefiniteLengthsAreAccepted() throws Exception {
        CborValue v = CborReader.decode(h("bf 61 61 9f 01 02 ff 5f 41 01 41 02 ff f6 ff"));
        CborMap m = v.asMap("m");
        assertThat(m.get("a").asArray("a")).hasSize(2);
        assertThat(m.entries().get(1).getKey().asBytes("k")).isEqualTo(new byte[] {1, 2});
        // re-encoded with definite lengths, as Go would
        assertThat(v.encode()).isEqualTo(h("a2 6161 820102 420102 f6"));
    }

    @Test
    void truncatedAndTrailingInputIsRejected() {
        assertThatThrownBy(() -> CborReader.decode(h("5a 00000010 00"))).isInstanceOf(DecodeException.class)
                .hasMessageContaining("exceeds");
        assertThatThrownBy(() -> CborReader.decode(h("01 02"))).isInstanceOf(DecodeException.class)
                .hasMessageContaining("trailing");
        assertThatThrownBy(() -> CborReader.decode(h("9f 01"))).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> CborReader.decode(h(""))).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> CborReader.decode(h("1c"))).isInstanceOf(DecodeException.class)
                .hasMessageContaining("reserved");
    }

    @Test
    void hugeDeclaredLengthsAllocateNothing() {
        // an array claiming 2^32-1 elements in 5 bytes
        assertThatThrownBy(() -> CborReader.decode(h("9a ffffffff"))).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> CborReader.decode(h("bb 7fffffffffffffff"))).isInstanceOf(DecodeException.class);
    }

    @Test
    void nestingIsLimited() {
        byte[] deep = new byte[40];
        java.util.Arrays.fill(deep, (byte) 0x81);
        deep[39] = 0x01;
        assertThatThrownBy(() -> CborReader.decode(deep)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("nesting");
    }

    @Test
    void invalidUtf8IsRejected() {
        assertThatThrownBy(() -> CborReader.decode(h("62 c328"))).isInstanceOf(DecodeException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void typedAccessorsNameTheProblem() throws Exception {
        CborValue v = CborReader.decode(h("63 616263"));
        assertThatThrownBy(() -> v.asBytes("query_id")).isInstanceOf(DecodeException.class)
                .hasMessage("query_id: expected byte string, got text string");
        CborValue big = CborReader.decode(h("1a 00011170"));
        assertThatThrownBy(() -> big.asUnsigned("channel_id", 0xffff)).hasMessageContaining("out of range");
    }

    @Test
    void randomBytesOnlyEverRaiseDecodeException() {
        Random rnd = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(40)];
            rnd.nextBytes(b);
            try {
                CborValue v = CborReader.decode(b);
                // whatever decodes must re-encode and decode to the same tree
                assertThat(CborReader.decode(v.encode())).isEqualTo(v);
            } catch (DecodeException expected) {
                // fine
            }
        }
    }
}
