package org.katzen4j.sphinx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.katzen4j.sphinx.Vectors.hex;

import org.junit.jupiter.api.Test;

/** Known answers printed by the Go reference (sphinx-and-sending.md 9.5(a), 2.5). */
class AezSpecVectorsTest {

    private static byte[] seq(int start, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }

    private static byte[] msg(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (7 * i);
        }
        return b;
    }

    @Test
    void knownAnswers() {
        byte[] key = seq(0x40, 48);
        byte[] nonce = seq(0xa0, 16);
        String[][] cases = {
                {"32", "bbe7cc0988e038f453207a078e504b5f2152670999697d5c52af58729d8fea44"},
                {"33", "87290cc71bc0a87595ac188f3f276351e30accfeb16568d79b32885a0be8ddfdb8"},
                {"1", "1d"},
                {"2", "2bda"},
                {"15", "8094e15bab7b9dcd1e33ab56bceb25"},
                {"16", "78a7faf40713b441135b44e36c148b20"},
                {"31", "3e62176fc8c5d1e4e1dbe507a793d6037ec8e006edddf6dabc90ee7678ba53"},
                {"64", "c5a76e5ffb7f1a444d62bd115ad7413d604d1180b5859ec330201d5e38b31894361a3e63257a7de8896a442207ff7771"
                        + "13b68797bd1b3e2fa3f84a17f2afa9a0"},
                {"100", "1ecd93d3eee373c14cf6bb4458821b3635aa94a3c25cc58313706cc36104a9e7969dc5bfe9dd6a84d87c4ab53797de00"
                        + "e10fbf5831ebda2ab99fab79bd1228ceb07a357211e579692a8f497e7005c62faf8821e1e2dcb163a1595813da9119e9"
                        + "4969011a"},
        };
        for (String[] c : cases) {
            int n = Integer.parseInt(c[0]);
            byte[] ct = Aez.encrypt(key, nonce, msg(n));
            assertThat(hex(ct)).as("n=" + n).isEqualTo(c[1]);
            assertThat(Aez.decrypt(key, nonce, ct)).as("n=" + n).isEqualTo(msg(n));
        }
        byte[] big = Aez.encrypt(key, nonce, msg(2442));
        assertThat(hex(SphinxCrypto.hash(big, 0, big.length)))
                .isEqualTo("f282570992ba0917ab7694822996d943c14f653840b73a268b365fe60b78aec7");
        byte[] big2 = Aez.encrypt(key, nonce, msg(2606));
        assertThat(hex(SphinxCrypto.hash(big2, 0, big2.length)))
                .isEqualTo("f6a3e31448a29e4eaa4fb1001b1322f456966ca362ab4a877c94a64db5819aa2");
        // zero plaintexts under key 00..2f, nonce 80..8f
        assertThat(hex(Aez.encrypt(seq(0, 48), seq(0x80, 16), new byte[32])))
                .isEqualTo("111a68ca4d7ab41c3f762a788a29c2efadbb9e8b404da9db40b1cc132abde1ba");
    }

    @Test
    void kdfAndBlindingSeed() {
        try (var k = SphinxCrypto.kdf(seq(0, 32))) {
            assertThat(hex(k.headerMac)).isEqualTo("b805cdc0a27a85dc44ccd78c029629c5fa72e1758a132976450f5df23ab217ae");
            assertThat(hex(k.headerEncryption)).isEqualTo("9d63a688188302d79f3367ecdea423d6e02e43176d94f31e916d51a45bf36bca");
            assertThat(hex(k.headerEncryptionIv)).isEqualTo("abdf87e18827a51ac9779b7aa52c8461");
            assertThat(hex(k.payloadEncryption)).isEqualTo(
                    "ce2f00385b3d959d02b70e85dfa4bf557ce6c89d2b560478f604a1a48661eac0ddf838353ce05e2cc8518aa1094f2e8c");
            assertThat(hex(k.blindingSeed)).isEqualTo("7e609e5489178ecebfad9fee26a8f79d3b2049f4fe59d7ec3f96f4b706fe36c7");
            assertThat(hex(SphinxCrypto.chachaStream(k.blindingSeed, 32)))
                    .isEqualTo("9b5d5b3e997907500d0ce9323f47b2a32a7a855d7debc94ab3e1e7605a6084d5");
        }
        assertThat(hex(SphinxCrypto.keyStream(seq(0x10, 32), seq(0xa0, 16), 48))).isEqualTo(
                "ce738b06edf2ac5fb1e82de524522cec55d8c0c30d596e1f1eb620ed032629310123dc7e587eb808ff57a8d2bea7eb70");
    }
}
