package org.katzen4j.thinclient.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;

import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    @Test
    void partialInputNeedsMoreNotAnError() throws Exception {
        byte[] a = Frames.frame(new ThinRequest.CloseChannel(7).encode());
        byte[] b = Frames.frame(new ThinRequest.ThinClose().encodeSparse());
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        FrameDecoder d = new FrameDecoder(1024);
        for (int i = 0; i < both.length; i++) {
            d.feed(both, i, 1);
            if (i < a.length - 1) {
                assertThat(d.next()).as("byte " + i).isEmpty();
            }
            if (i == a.length - 1) {
                assertThat(ThinRequest.decode(d.next().orElseThrow())).isEqualTo(new ThinRequest.CloseChannel(7));
            }
        }
        assertThat(ThinRequest.decode(d.next().orElseThrow())).isEqualTo(new ThinRequest.ThinClose());
        assertThat(d.next()).isEmpty();
        assertThat(d.buffered()).isZero();
    }

    @Test
    void oversizedPrefixIsRejectedBeforeBuffering() throws Exception {
        FrameDecoder d = new FrameDecoder(100);
        d.feed(new byte[] {0, 0});
        assertThat(d.next()).isEmpty();
        assertThatThrownBy(() -> d.feed(new byte[] {0, 101})).isInstanceOf(Frames.FrameTooLargeException.class)
                .hasMessageContaining("101");
        assertThatThrownBy(d::next).hasMessageContaining("failed");
        // 0xffffffff is read as unsigned
        FrameDecoder d2 = new FrameDecoder();
        assertThatThrownBy(() -> d2.feed(new byte[] {-1, -1, -1, -1}))
                .hasMessageContaining("4294967295");
    }

    @Test
    void blockingReaderHandlesEofTruncationAndLimit() throws Exception {
        assertThat(Frames.read(new ByteArrayInputStream(new byte[0]), 100)).isNull();
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(new byte[] {0, 0}), 100))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(new byte[] {0, 0, 0, 5, 1}), 100))
                .isInstanceOf(EOFException.class).hasMessageContaining("1 of 5");
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(new byte[] {0x7f, 0, 0, 0}), 100))
                .isInstanceOf(Frames.FrameTooLargeException.class);
        byte[] f = Frames.frame(new byte[] {(byte) 0xa0});
        assertThat(Frames.read(new ByteArrayInputStream(f), 100)).containsExactly(0xa0);
    }
}
