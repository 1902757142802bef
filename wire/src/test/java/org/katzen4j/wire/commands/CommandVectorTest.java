package org.katzen4j.wire.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.katzen4j.testsupport.GoOracle;
import org.katzen4j.wire.Vectors;
import org.katzen4j.wire.commands.CommandCodec.Direction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Commands encoded by the reference (oracle vectors) decode and re-encode identically; Go decodes ours. */
class CommandVectorTest {

    record Case(int index, CommandGeometry geometry, JsonNode v) {
        @Override
        public String toString() {
            return index + " " + v.get("command").asString();
        }
    }

    static final JsonNode FILE = Vectors.load("wire_commands.json");

    static CommandGeometry geometry(JsonNode g) {
        return new CommandGeometry(g.get("packetLength").asInt(), g.get("userForwardPayloadLength").asInt(),
                g.get("forwardPayloadLength").asInt(), g.get("payloadTagLength").asInt(), g.get("surbLength").asInt(),
                g.get("sphinxPlaintextHeaderLength").asInt());
    }

    static Stream<Case> cases() {
        List<CommandGeometry> geos = new ArrayList<>();
        for (JsonNode g : FILE.get("geometries")) {
            geos.add(geometry(g));
        }
        List<Case> out = new ArrayList<>();
        int i = 0;
        for (JsonNode v : FILE.get("vectors")) {
            out.add(new Case(i++, geos.get(v.get("geometry").asInt()), v));
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(80);
        return out.stream();
    }

    static WireCommand build(JsonNode v) {
        byte[] payload = Vectors.hex(v.get("payload"));
        byte[] surbId = Vectors.hex(v.get("surbId"));
        long seq = v.get("sequence").asLong();
        int hint = v.get("hint").asInt();
        return switch (v.get("command").asString()) {
            case "NoOp" -> NoOp.INSTANCE;
            case "Disconnect" -> Disconnect.INSTANCE;
            case "SendPacket" -> new SendPacket(payload);
            case "SendRetrievePacket" -> new SendRetrievePacket(payload);
            case "SendRetrievePacketReply" -> new SendRetrievePacketReply(surbId, payload);
            case "RetrieveMessage" -> new RetrieveMessage(seq);
            case "Message" -> new Message(hint, seq, payload);
            case "MessageACK" -> new MessageAck(hint, seq, surbId, payload);
            case "MessageEmpty" -> new MessageEmpty(seq);
            case "GetConsensus" -> new GetConsensus(Long.parseUnsignedLong(v.get("epoch").asString()));
            case "Consensus" -> new Consensus(v.get("errorCode").asInt(), payload);
            case "GetConsensus2" -> new GetConsensus2(Long.parseUnsignedLong(v.get("epoch").asString()));
            case "Consensus2" -> new Consensus2(v.get("errorCode").asInt(), v.get("chunkNum").asLong(),
                    v.get("chunkTotal").asLong(), payload);
            default -> throw new IllegalArgumentException(v.get("command").asString());
        };
    }

    static Direction sender(WireCommand c) {
        return switch (c) {
            case SendPacket s -> Direction.CLIENT_TO_GATEWAY;
            case SendRetrievePacket s -> Direction.CLIENT_TO_GATEWAY;
            case RetrieveMessage s -> Direction.CLIENT_TO_GATEWAY;
            case GetConsensus s -> Direction.CLIENT_TO_GATEWAY;
            case GetConsensus2 s -> Direction.CLIENT_TO_GATEWAY;
            case NoOp s -> Direction.CLIENT_TO_GATEWAY;
            case Disconnect s -> Direction.GATEWAY_TO_CLIENT;
            default -> Direction.GATEWAY_TO_CLIENT;
        };
    }

    static int unpaddedLength(byte[] b) {
        long n = ((long) (b[2] & 0xff) << 24) | ((b[3] & 0xff) << 16) | ((b[4] & 0xff) << 8) | (b[5] & 0xff);
        return (int) (6 + n);
    }

    @Test
    void paddingSizesMatchTheReference() {
        for (JsonNode g : FILE.get("geometries")) {
            CommandGeometry cg = geometry(g);
            assertThat(cg.maxClientToGateway()).as(g.get("name").asString()).isEqualTo(g.get("maxClientToServer").asInt());
            assertThat(cg.maxGatewayToClient()).as(g.get("name").asString()).isEqualTo(g.get("maxServerToClient").asInt());
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void encodesLikeTheReference(Case c) {
        WireCommand cmd = build(c.v());
        byte[] want = Vectors.hex(c.v().get("padded"));
        assertThat(Vectors.hex(CommandCodec.padded(c.geometry()).encode(cmd))).isEqualTo(Vectors.hex(want));
        byte[] unpadded = CommandCodec.unpadded(c.geometry()).encode(cmd);
        assertThat(unpadded.length).isEqualTo(unpaddedLength(want));
        assertThat(Vectors.hex(unpadded)).isEqualTo(Vectors.hex(java.util.Arrays.copyOf(want, unpadded.length)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decodesTheReferenceBytesAndReencodesIdentically(Case c) throws Exception {
        byte[] want = Vectors.hex(c.v().get("padded"));
        WireCommand expected = build(c.v());
        CommandCodec codec = CommandCodec.padded(c.geometry());
        WireCommand got = codec.decode(want, sender(expected));
        assertThat(got).isEqualTo(expected);
        assertThat(Vectors.hex(codec.encode(got))).isEqualTo(Vectors.hex(want));
        // the unpadded form parses to the same command too
        byte[] unpadded = java.util.Arrays.copyOf(want, unpaddedLength(want));
        assertThat(codec.decode(unpadded, sender(expected))).isEqualTo(expected);
    }

    /** Java encodes fresh commands (its own random contents); the reference parser must read them back. */
    @Test
    void goDecodesJavaEncodedCommands() throws Exception {
        Random rnd = new Random(20261123);
        ObjectNode root = Vectors.MAPPER.createObjectNode();
        root.set("geometries", FILE.get("geometries"));
        ArrayNode vs = root.putArray("vectors");
        int gi = 0;
        for (JsonNode g : FILE.get("geometries")) {
            CommandGeometry cg = geometry(g);
            CommandCodec codec = CommandCodec.padded(cg);
            List<WireCommand> cmds = List.of(
                    NoOp.INSTANCE, Disconnect.INSTANCE,
                    new SendPacket(bytes(rnd, cg.packetLength())),
                    new SendRetrievePacket(bytes(rnd, cg.packetLength())),
                    new SendRetrievePacketReply(bytes(rnd, 16), bytes(rnd, cg.userForwardPayloadLength())),
                    new RetrieveMessage(rnd.nextInt() & 0xffffffffL),
                    new Message(1, rnd.nextInt() & 0xffffffffL, bytes(rnd, cg.userForwardPayloadLength())),
                    new MessageAck(0, rnd.nextInt() & 0xffffffffL, bytes(rnd, 16), bytes(rnd, cg.ackPayloadLength())),
                    new MessageEmpty(rnd.nextInt() & 0xffffffffL),
                    new GetConsensus(rnd.nextLong()),
                    new Consensus(Consensus.GONE, bytes(rnd, 77)),
                    new GetConsensus2(rnd.nextLong() >>> 1),
                    new Consensus2(0, 4, 9, bytes(rnd, cg.maxGatewayToClient())),
                    new Consensus2(1, 0, 1, new byte[0]));
            for (WireCommand c : cmds) {
                ObjectNode v = vs.addObject();
                v.put("geometry", gi);
                describe(c, v);
                v.put("padded", Vectors.hex(codec.encode(c)));
            }
            gi++;
        }
        Path out = Path.of("target/wire-commands-java.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Vectors.MAPPER.writeValueAsString(root));
        GoOracle.Result r = GoOracle.forArea("wire").verify("wire/commands", out);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("decoded by the reference");
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static void describe(WireCommand c, ObjectNode v) {
        v.put("sequence", 0);
        v.put("hint", 0);
        v.put("epoch", 0);
        v.put("errorCode", 0);
        v.put("chunkNum", 0);
        v.put("chunkTotal", 0);
        v.put("surbId", "");
        v.put("payload", "");
        switch (c) {
            case NoOp x -> v.put("command", "NoOp");
            case Disconnect x -> v.put("command", "Disconnect");
            case SendPacket x -> v.put("command", "SendPacket").put("payload", Vectors.hex(x.packet()));
            case SendRetrievePacket x -> v.put("command", "SendRetrievePacket").put("payload", Vectors.hex(x.packet()));
            case SendRetrievePacketReply x -> v.put("command", "SendRetrievePacketReply")
                    .put("surbId", Vectors.hex(x.surbId())).put("payload", Vectors.hex(x.payload()));
            case RetrieveMessage x -> v.put("command", "RetrieveMessage").put("sequence", x.sequence());
            case Message x -> v.put("command", "Message").put("hint", x.queueSizeHint()).put("sequence", x.sequence())
                    .put("payload", Vectors.hex(x.payload()));
            case MessageAck x -> v.put("command", "MessageACK").put("hint", x.queueSizeHint())
                    .put("sequence", x.sequence()).put("surbId", Vectors.hex(x.surbId()))
                    .put("payload", Vectors.hex(x.payload()));
            case MessageEmpty x -> v.put("command", "MessageEmpty").put("sequence", x.sequence());
            case GetConsensus x -> v.put("command", "GetConsensus").put("epoch", new java.math.BigInteger(Long.toUnsignedString(x.epoch())));
            case Consensus x -> v.put("command", "Consensus").put("errorCode", x.errorCode())
                    .put("payload", Vectors.hex(x.payload()));
            case GetConsensus2 x -> v.put("command", "GetConsensus2").put("epoch", new java.math.BigInteger(Long.toUnsignedString(x.epoch())));
            case Consensus2 x -> v.put("command", "Consensus2").put("errorCode", x.errorCode())
                    .put("chunkNum", x.chunkNum()).put("chunkTotal", x.chunkTotal())
                    .put("payload", Vectors.hex(x.payload()));
        }
    }
}
