package org.katzen4j.pigeonhole.bacap;

import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The BACAP sample of the pigeonhole spec map (§10.1), produced there with the reference code. */
class SpecVectorTest {
    static final String WRITECAP = "f1965c5f923d4a008e812889f19a487eefc6930935fd4709c35703eac0f760ce6fa2a20239eaf083df8ba7c30518f79edb7ac9940720ec98f04c0855d878702e2d62d0a31c20937f6a9ce88dd0bd3ae0017f958f0012e74d5febfdaaace3920ece47c61d447432f3561511ef5fac24b4ed238b80ca2252d3fb6b68c66e6a074fee2e4fdc436528a9c603a64872b36b730eb2d30cb6f8e7d1a0b89bbca932822e777364b959741c73";

    @Test
    void blindingAndSignature() throws Exception {
        WriteCap wc = WriteCap.fromBytes(Hex.decode(WRITECAP));
        byte[] factor = "factor-bytes-0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        assertThat(Hex.toHexString(Ed25519Blinding.blindPublic(wc.rootPublicKey(), factor)))
                .isEqualTo("1b8eb683c699d1d273db298dfa3b86d259fa9ea8d42c4a4e734833a005ab4414");
        byte[] s = Ed25519Blinding.blindedScalar(wc.seedRaw(), factor);
        assertThat(Hex.toHexString(s)).isEqualTo("a63a6eda290e1945d9951d23d394d1018ad82159af52fc68e6e48ef6f48edf04");
        byte[] pub = EdPoint.multiplyBase(s).encode();
        assertThat(Hex.toHexString(pub)).isEqualTo("1b8eb683c699d1d273db298dfa3b86d259fa9ea8d42c4a4e734833a005ab4414");
        byte[] sig = Ed25519Blinding.signWithScalar(s, pub, "msg".getBytes(StandardCharsets.US_ASCII));
        assertThat(Hex.toHexString(sig)).isEqualTo("022f114a15b9545bd79bce529ec8d834c7f3d0e5c9202f62cdbfbc300cb39b9efed5e3c72a0868ceb0a451607561cb5749d84005d4fa7d3421939a908aad220f");
    }

    @Test
    void indexChainBoxIdsAndEncryption() throws Exception {
        WriteCap wc = WriteCap.fromBytes(Hex.decode(WRITECAP));
        ReadCap rc = wc.readCap();
        assertThat(Hex.toHexString(rc.toBytes())).isEqualTo(WRITECAP.substring(64));
        byte[] ctx = Bacap.pigeonholeContext();
        MessageBoxIndex i0 = rc.firstIndex();
        assertThat(Hex.toHexString(i0.boxId(rc, ctx))).isEqualTo("b014236b295fb688629d4ed127b2715de09d00db12fc2fb48aea19b8a307340f");
        MessageBoxIndex i1 = i0.next();
        assertThat(Hex.toHexString(i1.toBytes())).isEqualTo("2e62d0a31c20937f40a0538afcfcbd24aa4f29e4db5dcc080263ba9a20e8d26da448c713280e304c96527ef2a3a1943e4537df207f245ef8415e5824db980458a0028207ee4ac9b7911d1bca17fc7290592ad1037e781552ee4f98e8dec174599dfe09c7dd68742d");
        assertThat(Hex.toHexString(i1.boxId(rc, ctx))).isEqualTo("4925013540c09b1368dac830f67cdd28f331103de0f9e77a3bd66d98c2d4f438");
        MessageBoxIndex i2 = i0.advanceTo(i0.index() + 2);
        assertThat(Hex.toHexString(i2.boxId(rc, ctx))).isEqualTo("8b82aab44b390a3ad67586f1ffc7fd7a690c3ce675548abcf17036973195352d");
        SealedBox box = i0.encrypt(wc, ctx, "hello bacap".getBytes(StandardCharsets.US_ASCII));
        assertThat(Hex.toHexString(box.boxId())).isEqualTo("b014236b295fb688629d4ed127b2715de09d00db12fc2fb48aea19b8a307340f");
        assertThat(Hex.toHexString(box.ciphertext())).isEqualTo("61e3a7a3b5ff95c0cda9536e03d15da82c3480e048d5754b9223f0");
        assertThat(Hex.toHexString(box.signature())).isEqualTo("45ad4f6c0dd21adbe77a6a6d5b12a3ad1e44655e95935a58078bcbf9d543d92fcafa9fc69b63ff26fdae5358ec901486021e1ccfbcdd900be7c2d1429acde508");
        assertThat(new String(i0.open(rc, ctx, box.ciphertext(), box.signature()), StandardCharsets.US_ASCII)).isEqualTo("hello bacap");
    }
}
