package org.katzen4j.thinclient.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.katzen4j.codec.DecodeException;
import org.katzen4j.codec.cbor.CborWriter;

/** Decoder leniency and strictness as the reference's Go decoder behaves (protocol map §2.2). */
class RequestDecodingTest {
    static final HexFormat HEX = HexFormat.of();

    static byte[] cbor(java.util.function.Consumer<CborWriter> f) {
        CborWriter w = new CborWriter();
        f.accept(w);
        return w.toByteArray();
    }

    @Test
    void nullAbsentAndCaseInsensitiveKeysLikeGo() throws Exception {
        // {"Write_Channel": {"Channel_ID": 5, "payload": null}, "extra": 1}
        byte[] f = cbor(w -> w.startMap(2).key("Write_Channel").startMap(2).key("Channel_ID").uint(5)
                .key("payload").nul().key("extra").uint(1));
        assertThat(ThinRequest.decode(f)).isEqualTo(new ThinRequest.WriteChannel(null, 5, null));
    }

    @Test
    void shortIdsArePaddedLikeGoButCapsMustBeExact() throws Exception {
        byte[] f = cbor(w -> w.startMap(1).key("create_write_channel").startMap(1).key("query_id")
                .bytes(new byte[] {1, 2, 3}));
        byte[] want = new byte[16];
        want[0] = 1;
        want[1] = 2;
        want[2] = 3;
        assertThat(ThinRequest.decode(f)).isEqualTo(new ThinRequest.CreateWriteChannel(QueryId.of(want)));

        byte[] badCap = cbor(w -> w.startMap(1).key("create_read_channel").startMap(1).key("read_cap")
                .bytes(new byte[135]));
        assertThatThrownBy(() -> ThinRequest.decode(badCap)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("read_cap").hasMessageContaining("136");
    }

    @Test
    void wrongTypesAndRangesAreRejected() {
        byte[] big = cbor(w -> w.startMap(1).key("close_channel").startMap(1).key("channel_id").uint(70000));
        assertThatThrownBy(() -> ThinRequest.decode(big)).hasMessageContaining("out of range");
        byte[] neg = cbor(w -> w.startMap(1).key("close_channel").startMap(1).key("channel_id").integer(-1));
        assertThatThrownBy(() -> ThinRequest.decode(neg)).hasMessageContaining("channel_id");
        byte[] text = cbor(w -> w.startMap(1).key("write_channel").startMap(1).key("payload").text("x"));
        assertThatThrownBy(() -> ThinRequest.decode(text)).hasMessageContaining("byte string");
        byte[] intBool = cbor(w -> w.startMap(1).key("send_message").startMap(1).key("with_surb").uint(1));
        assertThatThrownBy(() -> ThinRequest.decode(intBool)).hasMessageContaining("bool");
        byte[] bodyNotMap = cbor(w -> w.startMap(1).key("thin_close").uint(1));
        assertThatThrownBy(() -> ThinRequest.decode(bodyNotMap)).hasMessageContaining("map");
    }

    @Test
    void emptyNullUnknownAndMultipleCommands() throws Exception {
        assertThatThrownBy(() -> ThinRequest.decode(new byte[0])).hasMessageContaining("empty frame");
        assertThatThrownBy(() -> ThinRequest.decode(HEX.parseHex("f6"))).hasMessageContaining("null");
        assertThatThrownBy(() -> ThinRequest.decode(HEX.parseHex("a0"))).hasMessageContaining("no command");
        byte[] unknown = cbor(w -> w.startMap(1).key("new_keypair").startMap(0));
        assertThatThrownBy(() -> ThinRequest.decode(unknown)).hasMessageContaining("new_keypair");
        byte[] two = cbor(w -> w.startMap(2).key("close_channel").startMap(1).key("channel_id").uint(3)
                .key("thin_close").startMap(0));
        // like the reference daemon: thin_close wins over close_channel; strict mode rejects
        assertThat(ThinRequest.decode(two)).isEqualTo(new ThinRequest.ThinClose());
        assertThatThrownBy(() -> ThinRequest.decode(two, ThinRequest.DecodeOptions.STRICT))
                .hasMessageContaining("2 commands");
        byte[] two2 = cbor(w -> w.startMap(2).key("create_write_channel").startMap(0)
                .key("send_channel_query").startMap(0));
        assertThat(ThinRequest.decode(two2)).isInstanceOf(ThinRequest.SendChannelQuery.class);
        // unknown keys next to a known command: ignored by default, rejected in strict mode
        byte[] extra = cbor(w -> w.startMap(2).key("close_channel").startMap(1).key("channel_id").uint(3)
                .key("future_thing").nul());
        assertThat(ThinRequest.decode(extra)).isEqualTo(new ThinRequest.CloseChannel(3));
        assertThatThrownBy(() -> ThinRequest.decode(extra, ThinRequest.DecodeOptions.STRICT))
                .hasMessageContaining("future_thing");
    }

    @Test
    void indefiniteLengthsSelfDescribeTagAndTrailingBytes() throws Exception {
        // indefinite map {_ "close_channel": {_ "channel_id": 9}}
        byte[] indef = HEX.parseHex("bf6d636c6f73655f6368616e6e656cbf6a6368616e6e656c5f696409ffff");
        assertThat(ThinRequest.decode(indef)).isEqualTo(new ThinRequest.CloseChannel(9));
        byte[] tagged = HEX.parseHex("d9d9f7" + HEX.formatHex(new ThinRequest.CloseChannel(9).encodeSparse()));
        assertThat(ThinRequest.decode(tagged)).isEqualTo(new ThinRequest.CloseChannel(9));
        byte[] trailing = HEX.parseHex(HEX.formatHex(new ThinRequest.CloseChannel(9).encodeSparse()) + "00");
        assertThatThrownBy(() -> ThinRequest.decode(trailing)).isInstanceOf(DecodeException.class);
    }

    @Test
    void responseTimesAcceptGoForms() throws Exception {
        byte[] floatTime = cbor(w -> w.startMap(1).key("channel_query_sent_event").startMap(2).key("sent_at")
                .float64(1758485828.5).key("reply_eta").uint(5));
        ThinResponse r = ThinResponse.decode(floatTime).orElseThrow();
        assertThat(((ThinResponse.ChannelQuerySentEvent) r).sentAt().getEpochSecond()).isEqualTo(1758485828L);
        byte[] floatEta = cbor(w -> w.startMap(1).key("channel_query_sent_event").startMap(1).key("reply_eta")
                .float64(1.5));
        assertThatThrownBy(() -> ThinResponse.decode(floatEta)).hasMessageContaining("reply_eta");
        byte[] errText = cbor(w -> w.startMap(1).key("connection_status_event").startMap(2).key("is_connected")
                .bool(true).key("err").text("x"));
        assertThatThrownBy(() -> ThinResponse.decode(errText)).hasMessageContaining("err");
    }
}
