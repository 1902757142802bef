package org.katzen4j.daemon.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.katzen4j.daemon.listener.AppId;
import org.katzen4j.pigeonhole.query.EnvelopeDescriptor;
import org.katzen4j.thinclient.protocol.Blob;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.ReadCap;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.thinclient.protocol.WriteCap;

/**
 * The six resumption types of the client integration guide, end to end against the fake courier.
 * Each app persists only what the replies gave it; where the guide's flow involves a crash, the
 * daemon is "restarted" too (a fresh service over the same network: no channel or envelope state
 * survives), and the app reconnects with a new identity.
 */
class ResumptionTest {
    private SecureRandom rng;
    private FakeCourierNetwork net;
    private ChannelHarness daemon;

    @BeforeEach
    void setUp() throws Exception {
        rng = SecureRandom.getInstance("SHA1PRNG");
        rng.setSeed(7);
        net = ChannelHarness.network(rng, 5);
        daemon = new ChannelHarness(net, rng, false, false);
    }

    private ChannelHarness restart() {
        daemon = new ChannelHarness(net, rng, false, false);
        return daemon;
    }

    private static MessageBoxIndex idx(Blob b) {
        return MessageBoxIndex.of(b.toByteArray());
    }

    /** Bob reads the channel from its start, in order, with read_channel without indexes. */
    private void bobReads(ReadCap cap, String... expected) throws Exception {
        AppId bob = daemon.newApp();
        int ch = daemon.createRead(bob, cap);
        for (String e : expected) {
            ThinResponse.ReadChannelReply r = daemon.read(bob, ch, null, null);
            assertThat(daemon.sendRead(bob, ch, r.sendMessagePayload())).isEqualTo(e);
        }
        ThinResponse.ReadChannelReply r = daemon.read(bob, ch, null, null);
        assertThat(daemon.sendRead(bob, ch, r.sendMessagePayload())).as("nothing after the last message").isEmpty();
    }

    @Test
    void type1WriteChannelNeverWrittenTo() throws Exception {
        AppId alice = daemon.newApp();
        ThinResponse.CreateWriteChannelReply c = daemon.createWrite(alice);
        WriteCap persisted = c.writeCap();
        ReadCap shared = c.readCap();
        restart();
        alice = daemon.newApp();
        int ch = daemon.resumeWrite(alice, persisted, null);
        ThinResponse.WriteChannelReply w = daemon.write(alice, ch, "after resume");
        assertThat(w.currentMessageIndex().toByteArray())
                .isEqualTo(java.util.Arrays.copyOfRange(shared.toByteArray(), 32, 136));
        daemon.sendWrite(alice, ch, w);
        bobReads(shared, "after resume");
    }

    @Test
    void type2ReadChannelNeverReadFrom() throws Exception {
        AppId alice = daemon.newApp();
        AppId bob = daemon.newApp();
        ThinResponse.CreateWriteChannelReply c = daemon.createWrite(alice);
        daemon.createRead(bob, c.readCap());
        daemon.sendWrite(alice, c.channelId(), daemon.write(alice, c.channelId(), "one"));
        restart();
        bob = daemon.newApp();
        int ch = daemon.resumeRead(bob, c.readCap(), null);
        ThinResponse.ReadChannelReply r = daemon.read(bob, ch, null, null);
        assertThat(daemon.sendRead(bob, ch, r.sendMessagePayload())).isEqualTo("one");
    }

    @Test
    void type3WriteAfterASentQuery() throws Exception {
        AppId alice = daemon.newApp();
        ThinResponse.CreateWriteChannelReply c = daemon.createWrite(alice);
        ThinResponse.WriteChannelReply w1 = daemon.write(alice, c.channelId(), "first");
        daemon.sendWrite(alice, c.channelId(), w1);
        // the guide: close, resume with the write reply's next_message_index, write again
        daemon.service.handle(alice, new ThinRequest.CloseChannel(c.channelId()));
        int ch = daemon.resumeWrite(alice, c.writeCap(), idx(w1.nextMessageIndex()));
        ThinResponse.WriteChannelReply w2 = daemon.write(alice, ch, "second");
        assertThat(w2.currentMessageIndex()).isEqualTo(w1.nextMessageIndex());
        daemon.sendWrite(alice, ch, w2);
        // and after a daemon crash too
        restart();
        alice = daemon.newApp();
        ch = daemon.resumeWrite(alice, c.writeCap(), idx(w2.nextMessageIndex()));
        daemon.sendWrite(alice, ch, daemon.write(alice, ch, "third"));
        bobReads(c.readCap(), "first", "second", "third");
    }

    @Test
    void type4ReadAfterASentQuery() throws Exception {
        AppId alice = daemon.newApp();
        ThinResponse.CreateWriteChannelReply c = daemon.createWrite(alice);
        daemon.sendWrite(alice, c.channelId(), daemon.write(alice, c.channelId(), "first"));
        daemon.sendWrite(alice, c.channelId(), daemon.write(alice, c.channelId(), "second"));
        AppId bob = daemon.newApp();
        int ch = daemon.createRead(bob, c.readCap());
        ThinResponse.ReadChannelReply r1 = daemon.read(bob, ch, null, null);
        assertThat(daemon.sendRead(bob, ch, r1.sendMessagePayload())).isEqualTo("first");
        // the guide: close, resume with the read reply's next_message_index, read_channel without index
        daemon.service.handle(bob, new ThinRequest.CloseChannel(ch));
        restart();
        bob = daemon.newApp();
        ch = daemon.resumeRead(bob, c.readCap(), idx(r1.nextMessageIndex()));
        ThinResponse.ReadChannelReply r2 = daemon.read(bob, ch, null, null);
        assertThat(r2.currentMessageIndex()).isEqualTo(r1.nextMessageIndex());
        assertThat(daemon.sendRead(bob, ch, r2.sendMessagePayload())).isEqualTo("second");
        // the guide's other spelling: read_channel with message_box_index = the previous next index
        ThinResponse.ReadChannelReply r3 = daemon.read(bob, ch, idx(r2.nextMessageIndex()), null);
        assertThat(daemon.sendRead(bob, ch, r3.sendMessagePayload())).isEmpty();
    }

    @Test
    void type5WriteWithAPreparedUnsentQuery() throws Exception {
        AppId alice = daemon.newApp();
        ThinResponse.CreateWriteChannelReply c = daemon.createWrite(alice);
        ThinResponse.WriteChannelReply w = daemon.write(alice, c.channelId(), "prepared before the crash");
        // crash between preparing and sending; the app persisted the whole write reply
        restart();
        alice = daemon.newApp();
        int ch = daemon.resumeWriteQuery(alice, c.writeCap(), idx(w.currentMessageIndex()), w.envelopeDescriptor(),
                w.envelopeHash());
        // re-send the persisted payload: identical bytes, same envelope; a second copy is harmless
        daemon.sendWrite(alice, ch, w);
        daemon.sendWrite(alice, ch, w);
        // the resumed channel continues after the resumed message (no overwrite)
        ThinResponse.WriteChannelReply w2 = daemon.write(alice, ch, "next one");
        assertThat(w2.currentMessageIndex()).isEqualTo(w.nextMessageIndex());
        daemon.sendWrite(alice, ch, w2);
        bobReads(c.readCap(), "prepared before the crash", "next one");
        assertThat(net.store).hasSize(2); // exactly one box per message
    }

    @Test
    void type5TheGuidesSpellingWithResumeWriteChannelAtNext() throws Exception {
        AppId alice = daemon.newApp();
        ThinResponse.CreateWriteChannelReply c = daemon.createWrite(alice);
        ThinResponse.WriteChannelReply w = daemon.write(alice, c.channelId(), "m1");
        daemon.service.handle(alice, new ThinRequest.CloseChannel(c.channelId()));
        int ch = daemon.resumeWrite(alice, c.writeCap(), idx(w.nextMessageIndex()));
        daemon.sendWrite(alice, ch, w);
        daemon.sendWrite(alice, ch, daemon.write(alice, ch, "m2"));
        bobReads(c.readCap(), "m1", "m2");
    }

    @Test
    void type6ReadWithAPreparedUnsentQuery() throws Exception {
        AppId alice = daemon.newApp();
        ThinResponse.CreateWriteChannelReply c = daemon.createWrite(alice);
        daemon.sendWrite(alice, c.channelId(), daemon.write(alice, c.channelId(), "first"));
        daemon.sendWrite(alice, c.channelId(), daemon.write(alice, c.channelId(), "second"));
        AppId bob = daemon.newApp();
        int ch = daemon.createRead(bob, c.readCap());
        ThinResponse.ReadChannelReply r = daemon.read(bob, ch, null, null);
        restart(); // crash before sending; Bob persisted the read reply
        bob = daemon.newApp();
        ch = daemon.resumeReadQuery(bob, c.readCap(), idx(r.currentMessageIndex()), r.envelopeDescriptor(),
                r.envelopeHash());
        assertThat(daemon.sendRead(bob, ch, r.sendMessagePayload())).isEqualTo("first");
        // the reader moved past the decrypted box
        ThinResponse.ReadChannelReply next = daemon.read(bob, ch, null, null);
        assertThat(next.currentMessageIndex()).isEqualTo(r.nextMessageIndex());
        assertThat(daemon.sendRead(bob, ch, next.sendMessagePayload())).isEqualTo("second");
    }

    @Test
    void type6WithAReferenceDescriptorUsesTheDocumentsReplicaKeys() throws Exception {
        AppId alice = daemon.newApp();
        ThinResponse.CreateWriteChannelReply c = daemon.createWrite(alice);
        daemon.sendWrite(alice, c.channelId(), daemon.write(alice, c.channelId(), "go style"));
        AppId bob = daemon.newApp();
        int ch = daemon.createRead(bob, c.readCap());
        ThinResponse.ReadChannelReply r = daemon.read(bob, ch, null, null);
        // strip the katzen4j fields, as a descriptor from the Go daemon would be; the replica keys are
        // looked up for the replica epoch of the descriptor's PKI epoch, as the reference does
        EnvelopeDescriptor full = EnvelopeDescriptor.decode(r.envelopeDescriptor().toByteArray());
        long replicaEpoch = org.katzen4j.pigeonhole.replica.ReplicaEpochs.fromPkiEpoch(full.epoch(),
                java.time.Duration.ofMinutes(20));
        FakeCourierNetwork goNet = net;
        goNet.replicas.replaceAll(rep -> new ReplicaDirectory.Replica(rep.identityKey(),
                java.util.Map.of(net.replicaEpoch, rep.envelopeKey(net.replicaEpoch).orElseThrow(), replicaEpoch,
                        rep.envelopeKey(net.replicaEpoch).orElseThrow())));
        Blob goDescriptor = Blob.of(EnvelopeDescriptor.referenceOnly(full.epoch(), full.replica0(), full.replica1(),
                full.envelopeKey()).encode());
        restart();
        bob = daemon.newApp();
        ch = daemon.resumeReadQuery(bob, c.readCap(), idx(r.currentMessageIndex()), goDescriptor, r.envelopeHash());
        assertThat(daemon.sendRead(bob, ch, r.sendMessagePayload())).isEqualTo("go style");
    }

    @Test
    void type6TheGuidesSpellingWithResumeReadChannelAtNext() throws Exception {
        AppId alice = daemon.newApp();
        ThinResponse.CreateWriteChannelReply c = daemon.createWrite(alice);
        daemon.sendWrite(alice, c.channelId(), daemon.write(alice, c.channelId(), "first"));
        daemon.sendWrite(alice, c.channelId(), daemon.write(alice, c.channelId(), "second"));
        AppId bob = daemon.newApp();
        int ch = daemon.createRead(bob, c.readCap());
        ThinResponse.ReadChannelReply r = daemon.read(bob, ch, null, null);
        daemon.service.handle(bob, new ThinRequest.CloseChannel(ch));
        // the guide resumes at next_message_index and sends the old payload on the new channel: the
        // daemon still knows that envelope (kept across close_channel), so it decrypts
        ch = daemon.resumeRead(bob, c.readCap(), idx(r.nextMessageIndex()));
        assertThat(daemon.sendRead(bob, ch, r.sendMessagePayload())).isEqualTo("first");
        ThinResponse.ReadChannelReply next = daemon.read(bob, ch, null, null);
        assertThat(daemon.sendRead(bob, ch, next.sendMessagePayload())).isEqualTo("second");
    }
}
