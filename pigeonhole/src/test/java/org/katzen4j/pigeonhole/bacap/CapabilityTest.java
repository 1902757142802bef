package org.katzen4j.pigeonhole.bacap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.PigeonholeException.Kind;
import org.katzen4j.pigeonhole.testing.Vectors;

class CapabilityTest {
    private static final byte[] CTX = Bacap.pigeonholeContext();

    private static Kind kindOf(ThrowingRunnable r) {
        try {
            r.run();
        } catch (PigeonholeException e) {
            return e.kind();
        }
        throw new AssertionError("no exception");
    }

    interface ThrowingRunnable {
        void run() throws PigeonholeException;
    }

    @Test
    void wrongSizesAreTypedErrors() {
        assertThat(kindOf(() -> ReadCap.fromBytes(new byte[135]))).isEqualTo(Kind.INVALID_CAPABILITY);
        assertThat(kindOf(() -> WriteCap.fromBytes(new byte[169]))).isEqualTo(Kind.INVALID_CAPABILITY);
        assertThat(kindOf(() -> MessageBoxIndex.fromBytes(new byte[103]))).isEqualTo(Kind.INVALID_INDEX);
        assertThat(kindOf(() -> ReadCap.fromBytes(null))).isEqualTo(Kind.INVALID_CAPABILITY);
    }

    @Test
    void readCapWithAnInvalidPointIsRejected() {
        byte[] rc = WriteCap.generate(Vectors.detRand("cap test 1")).readCap().toBytes();
        Arrays.fill(rc, 0, 32, (byte) 0);
        rc[0] = 2; // y = 2 has no x
        assertThat(kindOf(() -> ReadCap.fromBytes(rc))).isEqualTo(Kind.INVALID_CAPABILITY);
    }

    @Test
    void writeCapWhosePublicHalfDoesNotMatchItsSeedIsRejected() {
        byte[] wc = WriteCap.generate(Vectors.detRand("cap test 2")).toBytes();
        wc[40] ^= 1;
        assertThat(kindOf(() -> WriteCap.fromBytes(wc))).isEqualTo(Kind.INVALID_CAPABILITY);
    }

    @Test
    void tamperingIsDetected() throws Exception {
        WriteCap wc = WriteCap.generate(Vectors.detRand("cap test 3"));
        ReadCap rc = wc.readCap();
        MessageBoxIndex i = rc.firstIndex();
        SealedBox b = i.encrypt(wc, CTX, "payload".getBytes(StandardCharsets.UTF_8));
        byte[] ct = b.ciphertext();
        ct[0] ^= 1;
        assertThat(kindOf(() -> i.open(rc, CTX, ct, b.signature()))).isEqualTo(Kind.BAD_SIGNATURE);
        byte[] sig = b.signature();
        sig[5] ^= 1;
        assertThat(kindOf(() -> i.open(rc, CTX, b.ciphertext(), sig))).isEqualTo(Kind.BAD_SIGNATURE);
        // signed by the right key but decrypted at another index: the box ID differs
        assertThat(kindOf(() -> i.next().open(rc, CTX, b.ciphertext(), b.signature()))).isEqualTo(Kind.BAD_SIGNATURE);
        // right box ID and signature but the wrong encryption key: tag check fails
        assertThat(kindOf(() -> i.next().decrypt(b.boxId(), CTX, b.ciphertext(), b.signature())))
                .isEqualTo(Kind.DECRYPTION_FAILED);
        assertThat(kindOf(() -> i.decrypt(new byte[3], CTX, b.ciphertext(), b.signature()))).isEqualTo(Kind.BAD_SIGNATURE);
    }

    @Test
    void indexArithmetic() throws Exception {
        WriteCap wc = WriteCap.generate(Vectors.detRand("cap test 4"));
        MessageBoxIndex i = wc.firstIndex();
        assertThat(i.advanceTo(i.index())).isSameAs(i);
        assertThat(i.advanceTo(i.index() + 3)).isEqualTo(i.next().next().next());
        assertThat(kindOf(() -> i.next().advanceTo(i.index()))).isEqualTo(Kind.INVALID_INDEX);
        byte[] last = i.toBytes();
        Arrays.fill(last, 0, 8, (byte) 0xff);
        MessageBoxIndex max = MessageBoxIndex.fromBytes(last);
        assertThat(Long.toUnsignedString(max.index())).isEqualTo("18446744073709551615");
        assertThat(kindOf(max::next)).isEqualTo(Kind.INDEX_EXHAUSTED);
        last[0] = (byte) 0xfe;
        assertThat(MessageBoxIndex.fromBytes(last).next().index()).isEqualTo(-1L);
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        WriteCap wc = WriteCap.generate(Vectors.detRand("cap test 5"));
        assertThat(wc.toString()).doesNotContain(Vectors.hex(wc.toBytes()).substring(0, 8));
        assertThat(wc.readCap().toString()).isEqualTo("ReadCap[...]");
    }

    @Test
    void closeWipes() {
        WriteCap wc = WriteCap.generate(Vectors.detRand("cap test 6"));
        wc.close();
        assertThat(Arrays.copyOf(wc.toBytes(), 32)).containsOnly(0);
    }
}
