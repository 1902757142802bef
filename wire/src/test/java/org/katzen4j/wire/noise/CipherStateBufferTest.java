package org.katzen4j.wire.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;

import javax.crypto.AEADBadTagException;

import org.junit.jupiter.api.Test;
import org.katzen4j.wire.Transport;

/** The buffer variants of CipherState agree with the array variants, and Transport frames are unchanged. */
class CipherStateBufferTest {

    @Test
    void bufferVariantsMatchArrayVariantsAcrossRekeys() throws Exception {
        Random r = new Random(5);
        byte[] key = new byte[32];
        r.nextBytes(key);
        CipherState a = CipherState.withKey(key);
        CipherState b = CipherState.withKey(key);
        CipherState rx = CipherState.withKey(key);
        for (int i = 0; i < 50; i++) {
            byte[] ad = i % 3 == 0 ? null : new byte[] {(byte) i};
            byte[] pt = new byte[r.nextInt(4000)];
            r.nextBytes(pt);
            byte[] ct = a.encryptWithAd(ad, pt);
            byte[] buf = new byte[7 + pt.length + 16];
            assertThat(b.encryptWithAd(ad, pt, 0, pt.length, buf, 7)).isEqualTo(pt.length + 16);
            assertThat(Arrays.copyOfRange(buf, 7, buf.length)).isEqualTo(ct);
            byte[] back = new byte[pt.length + 2];
            assertThat(rx.decryptWithAd(ad, buf, 7, ct.length, back, 2)).isEqualTo(pt.length);
            assertThat(Arrays.copyOfRange(back, 2, back.length)).isEqualTo(pt);
            if (i % 7 == 6) {
                a.rekey();
                b.rekey();
                rx.rekey();
            }
        }
        assertThat(a.nonce()).isEqualTo(50).isEqualTo(b.nonce()).isEqualTo(rx.nonce());
    }

    @Test
    void failedDecryptDoesNotAdvanceTheNonce() throws Exception {
        CipherState tx = CipherState.withKey(new byte[32]);
        CipherState rx = CipherState.withKey(new byte[32]);
        byte[] ct = tx.encryptWithAd(null, new byte[40]);
        ct[3] ^= 1;
        assertThatThrownBy(() -> rx.decryptWithAd(null, ct, 0, ct.length, new byte[40], 0))
                .isInstanceOf(AEADBadTagException.class);
        assertThat(rx.nonce()).isZero();
        ct[3] ^= 1;
        assertThat(rx.decryptWithAd(null, ct)).isEqualTo(new byte[40]);
        assertThat(rx.nonce()).isEqualTo(1);
        assertThatThrownBy(() -> new CipherState().encryptWithAd(null, new byte[1], 0, 1, new byte[17], 0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void transportFrameIsHeaderThenBodyUnderConsecutiveNonces() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 9);
        Transport t = new Transport(CipherState.withKey(key), CipherState.withKey(key), 1 << 20);
        CipherState manual = CipherState.withKey(key);
        byte[] command = new byte[3000];
        new Random(1).nextBytes(command);
        for (int i = 0; i < 3; i++) {
            byte[] frame = t.seal(command);
            byte[] hdr = manual.encryptWithAd(new byte[0], new byte[] {0, 0, (byte) (3016 >>> 8), (byte) 3016});
            byte[] body = manual.encryptWithAd(new byte[0], command);
            manual.rekey();
            byte[] expect = Arrays.copyOf(hdr, hdr.length + body.length);
            System.arraycopy(body, 0, expect, hdr.length, body.length);
            assertThat(frame).isEqualTo(expect);
            assertThat(t.openHeader(Arrays.copyOf(frame, Transport.HEADER_LENGTH))).isEqualTo(3016);
            assertThat(t.openBody(Arrays.copyOfRange(frame, Transport.HEADER_LENGTH, frame.length))).isEqualTo(command);
        }
    }
}
