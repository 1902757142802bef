package org.katzen4j.daemon.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.katzen4j.codec.cbor.CborWriter;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.Frames;
import org.katzen4j.thinclient.protocol.Hash256;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.MessageId;
import org.katzen4j.thinclient.protocol.QueryId;
import org.katzen4j.thinclient.protocol.ReadCap;
import org.katzen4j.thinclient.protocol.SurbId;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.thinclient.protocol.WriteCap;

/**
 * No key material, capabilities or payloads in the listener's logs at any level: a child JVM runs
 * the listener with the scripted engine at TRACE (slf4j-simple), an app drives every request kind,
 * the limits and the error paths with recognisable secret bytes, and the captured output is
 * searched for those bytes in every form a log line could carry them (hex either case, every
 * 8-byte window, Base64, Latin-1 text, Java array notation). Also checks the non-loopback WARN.
 */
class LogHygieneTest {

    /** Recognisable secret material: a fixed pattern per kind. */
    static byte[] secret(int kind, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (0xA5 ^ (kind * 37) ^ (i * 13) ^ (i >> 3));
        }
        return b;
    }

    static final byte[] PAYLOAD = secret(1, 200);
    static final byte[] WRITE_CAP = secret(2, WriteCap.LENGTH);
    static final byte[] READ_CAP = secret(3, ReadCap.LENGTH);
    static final byte[] CHANNEL_PAYLOAD = secret(4, 300);
    static final byte[] QUEUE_ID = secret(5, 40);
    static final byte[] INDEX = secret(6, MessageBoxIndex.LENGTH);

    /** The child: listener + scripted engine, driven by one app; prints nothing itself except a marker. */
    public static void main(String[] args) throws Exception {
        SecureRandom rng = new SecureRandom();
        // a listener on every interface, only for the WARN (closed at once)
        ThinListener.start(ListenerConfig.of("tcp", "0.0.0.0:0"), new ScriptedEngine(rng, false)).close();

        ScriptedEngine engine = new ScriptedEngine(rng, false);
        engine.silent.add("send_arq_message"); // so the pending limit is reached
        ListenerConfig cfg = ListenerConfig.of("tcp", "127.0.0.1:0").withMaxApps(2).withMaxPendingPerApp(2)
                .withMaxFrameSize(8192);
        try (ThinListener l = ThinListener.start(cfg, engine, rng, false)) {
            engine.router().pkiDocument(new byte[] {(byte) 0xa0});
            engine.router().connectionStatus(true);
            try (TestApp a = TestApp.tcp(l); TestApp b = TestApp.tcp(l); TestApp refused = TestApp.tcp(l)) {
                refused.closedByServer();
                a.next();
                a.next();
                WriteCap wc = WriteCap.of(WRITE_CAP);
                a.send(new ThinRequest.ResumeWriteChannel(QueryId.random(rng), wc, MessageBoxIndex.of(INDEX)));
                int ch = a.next(ThinResponse.ResumeWriteChannelReply.class).channelId();
                a.send(new ThinRequest.WriteChannel(QueryId.random(rng), ch, Blob.of(CHANNEL_PAYLOAD)));
                a.next();
                a.send(new ThinRequest.CreateReadChannel(QueryId.random(rng), ReadCap.of(READ_CAP)));
                int rch = a.next(ThinResponse.CreateReadChannelReply.class).channelId();
                a.send(new ThinRequest.ReadChannel(rch, QueryId.random(rng), MessageBoxIndex.of(INDEX), 0));
                a.next();
                a.send(new ThinRequest.SendChannelQuery(MessageId.random(rng), ch, Hash256.of(secret(7, 32)),
                        Blob.of(QUEUE_ID), Blob.of(CHANNEL_PAYLOAD)));
                a.next();
                a.next();
                a.send(new ThinRequest.SendMessage(MessageId.random(rng), true, SurbId.random(rng),
                        Hash256.of(secret(7, 32)), Blob.of(QUEUE_ID), Blob.of(PAYLOAD)));
                a.next();
                a.next();
                a.send(new ThinRequest.SendMessage(MessageId.random(rng), false, null, Hash256.of(secret(7, 32)),
                        Blob.of(QUEUE_ID), Blob.of(PAYLOAD)));
                for (int i = 0; i < 3; i++) { // the third is refused by the pending limit
                    a.send(new ThinRequest.SendArqMessage(MessageId.random(rng), false, null, Hash256.of(secret(7, 32)),
                            Blob.of(QUEUE_ID), Blob.of(PAYLOAD)));
                }
                a.next();
                a.send(new ThinRequest.CloseChannel(ch));
                a.send(new ThinRequest.ThinClose());
                a.closedByServer();
                // bad input carrying secrets: an unknown request with a payload, a non-CBOR frame, an oversized frame
                b.next();
                b.next();
            }
            for (byte[] bad : badFrames()) {
                try (TestApp c = TestApp.tcp(l)) {
                    c.next();
                    c.next();
                    c.raw(bad);
                    c.closedByServer();
                }
            }
            // a reply for an app that has gone
            l.send(AppId.random(rng), new ThinResponse.MessageReplyEvent(MessageId.random(rng), null, Blob.of(PAYLOAD),
                    null, 0));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (l.connectionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        System.out.println("HYGIENE-CHILD-DONE");
    }

    static List<byte[]> badFrames() {
        CborWriter w = new CborWriter();
        w.startMap(1).key("new_keypair").startMap(1).key("seed").bytes(PAYLOAD);
        byte[] unknown = Frames.frame(w.toByteArray());
        byte[] garbage = new byte[4 + PAYLOAD.length];
        garbage[2] = (byte) (PAYLOAD.length >> 8);
        garbage[3] = (byte) PAYLOAD.length;
        System.arraycopy(PAYLOAD, 0, garbage, 4, PAYLOAD.length);
        byte[] oversized = new byte[4 + PAYLOAD.length];
        oversized[1] = 1; // 65536 + ... > 8192
        System.arraycopy(PAYLOAD, 0, oversized, 4, PAYLOAD.length);
        CborWriter t = new CborWriter();
        t.startMap(1).key("write_channel").startMap(3).key("query_id").bytes(new byte[16]).key("channel_id").text("x")
                .key("payload").bytes(CHANNEL_PAYLOAD);
        byte[] typeError = Frames.frame(t.toByteArray());
        return List.of(unknown, garbage, oversized, typeError);
    }

    @Test
    void noSecretBytesInLogsAtTrace() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace", "-Dorg.slf4j.simpleLogger.showDateTime=false",
                LogHygieneTest.class.getName()).redirectErrorStream(true);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread pump = Thread.ofVirtual().start(() -> {
            try (var in = p.getInputStream()) {
                in.transferTo(out);
            } catch (java.io.IOException e) {
                // ended
            }
        });
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        pump.join(5000);
        String log = out.toString(StandardCharsets.ISO_8859_1);
        assertThat(done).as("child finished: " + log).isTrue();
        assertThat(log).as(log).contains("HYGIENE-CHILD-DONE");
        // it really logged at DEBUG/TRACE and went through the limit and error paths
        assertThat(log).contains("DEBUG").contains("thin_close").contains("limit maxApps = 2")
                .contains("limit maxPendingPerApp = 2").contains("bad request frame").contains("exceeds")
                .contains("not a loopback address");
        byte[][] secrets = {PAYLOAD, WRITE_CAP, READ_CAP, CHANNEL_PAYLOAD, QUEUE_ID, INDEX, secret(7, 32)};
        List<String> leaks = org.katzen4j.daemon.LogLeaks.find(log, List.of(secrets));
        assertThat(leaks).as("secret bytes in the log:\n" + log).isEmpty();
        System.out.println("log hygiene: " + log.lines().count() + " log lines at TRACE searched, no secret bytes");
    }

    @Test
    void theSearchFindsSecretsWhenTheyAreThere() {
        // the detector itself: a Blob or a ReadCap in a log line would be caught
        String line = "DEBUG x - " + Blob.of(PAYLOAD) + " " + ReadCap.of(READ_CAP);
        assertThat(line.toLowerCase(java.util.Locale.ROOT)).contains(HexFormat.of().formatHex(PAYLOAD, 0, 8))
                .contains(HexFormat.of().formatHex(READ_CAP, 40, 48));
    }
}
