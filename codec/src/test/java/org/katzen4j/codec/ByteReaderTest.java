package org.katzen4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteReaderTest {

    @Test
    void readsBigEndianAndWriterIsItsTwin() throws Exception {
        byte[] data = new ByteWriter().u8(0xfe).u16(0xbeef).u32(0xdeadbeefL).u64(-2L).bytes(new byte[] {9, 8}).zeros(3)
                .toByteArray();
        ByteReader r = ByteReader.of(data);
        assertThat(r.u8("a")).isEqualTo(0xfe);
        assertThat(r.u16("b")).isEqualTo(0xbeef);
        assertThat(r.u32("c")).isEqualTo(0xdeadbeefL);
        assertThat(r.u64("d")).isEqualTo(-2L);
        assertThat(r.bytes(2, "e")).containsExactly(9, 8);
        assertThat(r.rest()).containsExactly(0, 0, 0);
        r.expectExhausted("all");
    }

    @Test
    void truncationNamesTheField() {
        ByteReader r = ByteReader.of(new byte[3]);
        assertThatThrownBy(() -> r.u32("hop count")).isInstanceOf(DecodeException.class)
                .hasMessage("truncated hop count: need 4 bytes, have 3");
        assertThatThrownBy(() -> r.bytes(-1, "len")).isInstanceOf(DecodeException.class);
    }

    @Test
    void trailingBytesAreAnError() throws Exception {
        ByteReader r = ByteReader.of(new byte[] {1, 2});
        r.u8("x");
        assertThatThrownBy(() -> r.expectExhausted("command")).isInstanceOf(DecodeException.class)
                .hasMessage("command: 1 unexpected trailing bytes");
    }

    @Test
    void nestedReaderIsBoundedAndAdvancesTheOuter() throws Exception {
        ByteReader r = ByteReader.of(new byte[] {1, 2, 3, 4, 5}, 1, 4);
        ByteReader inner = r.nested(2, "inner");
        assertThat(inner.u16("v")).isEqualTo(0x0203);
        assertThatThrownBy(() -> inner.u8("past end")).isInstanceOf(DecodeException.class);
        assertThat(r.u16("rest")).isEqualTo(0x0405);
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void utf8AcceptsAsciiAndMultiByteTextAndRejectsMalformedBytes() throws Exception {
        byte[] b = {'x', 'k', 'e', 'y', (byte) 0xc3, (byte) 0xa9, 'a', (byte) 0xc3, 'z'};
        ByteReader r = ByteReader.of(b, 1, b.length - 1);
        assertThat(r.utf8(3, "ascii")).isEqualTo("key");
        assertThat(r.utf8(3, "two-byte")).isEqualTo("\u00e9a");
        assertThat(r.position()).isEqualTo(7);
        assertThatThrownBy(() -> r.utf8(2, "truncated sequence")).isInstanceOf(DecodeException.class)
                .hasMessageContaining("invalid UTF-8");
        assertThatThrownBy(() -> ByteReader.of(new byte[] {'a'}).utf8(2, "short")).isInstanceOf(DecodeException.class)
                .hasMessageContaining("truncated");
        assertThat(ByteReader.of(new byte[0]).utf8(0, "empty")).isEmpty();
    }
}
