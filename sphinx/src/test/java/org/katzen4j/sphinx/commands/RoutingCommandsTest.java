package org.katzen4j.sphinx.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.katzen4j.sphinx.Vectors.hex;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.katzen4j.codec.DecodeException;
import org.katzen4j.sphinx.Vectors;

import tools.jackson.databind.JsonNode;

class RoutingCommandsTest {

    @Test
    void referenceEncodings() {
        JsonNode v = Vectors.load("sphinx_commands.json");
        NextNodeHop nh = new NextNodeHop(hex(v.get("NextHopID")), hex(v.get("NextHopMAC")));
        assertThat(hex(nh.encode())).isEqualTo(v.get("NextHopCmdWant").asString());
        Recipient r = new Recipient(hex(v.get("RecipientID")));
        assertThat(hex(r.encode())).isEqualTo(v.get("RecipientCmdWant").asString());
        SurbReply s = new SurbReply(hex(v.get("SURBReplyID")));
        assertThat(hex(s.encode())).isEqualTo(v.get("SURBReplyCmdWant").asString());
        NodeDelay d = new NodeDelay(v.get("NodeDelay").asLong());
        assertThat(hex(d.encode())).isEqualTo(v.get("NodeDelayCmdWant").asString());
        assertThat(d.delayMillis()).isEqualTo(0x89abcdefL);
    }

    @Test
    void referenceBlockParses() throws Exception {
        JsonNode v = Vectors.load("sphinx_commands.json");
        int n = 0;
        for (JsonNode b : v.get("blocks")) {
            byte[] block = hex(b.get("block"));
            String what = "block " + n++ + " " + hex(block);
            if (b.get("ok").asBoolean()) {
                List<String> got = new ArrayList<>();
                for (RoutingCommand c : RoutingCommands.decode(block)) {
                    got.add(hex(c.encode()));
                }
                List<String> want = new ArrayList<>();
                b.get("commands").forEach(c -> want.add(c.asString()));
                assertThat(got).as(what).isEqualTo(want);
            } else {
                assertThatThrownBy(() -> RoutingCommands.decode(block)).as(what).isInstanceOf(DecodeException.class);
            }
        }
        assertThat(n).isGreaterThan(30);
    }

    @Test
    void unknownTypeIsTyped() {
        byte[] block = new byte[82];
        block[0] = 0x42;
        assertThatThrownBy(() -> RoutingCommands.decode(block))
                .isInstanceOfSatisfying(UnknownCommandException.class, e -> assertThat(e.commandType()).isEqualTo(0x42));
    }

    @Test
    void randomBlocksOnlyEverGiveDecodeException() {
        java.util.Random r = new java.util.Random(7);
        int ok = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(100)];
            r.nextBytes(b);
            if (b.length > 0 && r.nextBoolean()) {
                b[0] = (byte) new int[] {0x00, 0x01, 0x02, 0x03, 0x80}[r.nextInt(5)];
            }
            try {
                List<RoutingCommand> cmds = RoutingCommands.decode(b);
                // whatever parses re-encodes to a prefix of the block, the rest being zero padding
                byte[] again = RoutingCommands.encode(cmds);
                assertThat(java.util.Arrays.copyOf(b, again.length)).isEqualTo(again);
                for (int k = again.length + 1; k < b.length; k++) {
                    assertThat(b[k]).isZero();
                }
                ok++;
            } catch (DecodeException expected) {
                // typed
            }
        }
        assertThat(ok).isPositive();
    }

    @Test
    void paddedRecipient() {
        Recipient r = Recipient.padded("echo");
        assertThat(hex(r.id())).isEqualTo("6563686f" + "00".repeat(28));
        assertThatThrownBy(() -> Recipient.padded(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeDelay(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
