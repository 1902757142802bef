package org.katzen4j.bench;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.katzen4j.pigeonhole.bacap.Bacap;
import org.katzen4j.pigeonhole.bacap.MessageBoxIndex;
import org.katzen4j.pigeonhole.bacap.ReadCap;
import org.katzen4j.pigeonhole.bacap.SealedBox;
import org.katzen4j.pigeonhole.bacap.WriteCap;
import org.katzen4j.pigeonhole.mkem.Mkem;
import org.katzen4j.pigeonhole.mkem.NikeKeyPair;
import org.katzen4j.pigeonhole.mkem.X25519Nike;
import org.katzen4j.pki.Authority;
import org.katzen4j.pki.AuthoritySet;
import org.katzen4j.pki.Document;
import org.katzen4j.pki.EpochClock;
import org.katzen4j.pki.EpochTime;
import org.katzen4j.pki.UnverifiedDocument;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.wire.noise.CipherState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import tools.jackson.databind.JsonNode;

/**
 * Client operations outside Sphinx, each matched by a Go benchmark of the same name in
 * {@code interop/oracle/bench_ops.go} (sizes and inputs are the same on both sides).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class OpsBench {
    static final int WIRE_FRAME = 3200;
    static final int BOX_PAYLOAD = 1557;
    static final int MKEM_PAYLOAD = 1674;

    private CipherState tx;
    private CipherState rx;
    private byte[] frame;

    private byte[] consensus;
    private AuthoritySet authorities;
    private EpochClock clock;
    private long epoch;

    private WriteCap writeCap;
    private ReadCap readCap;
    private MessageBoxIndex index;
    private byte[] boxPlaintext;
    private SealedBox box;
    private final byte[] ctx = Bacap.pigeonholeContext();

    private Mkem mkem;
    private List<byte[]> replicaPublic;
    private byte[] replicaPrivate;
    private byte[] mkemPlaintext;
    private Mkem.Encapsulation encapsulation;

    private byte[] thinFrame;

    @Setup
    public void setup() throws Exception {
        SecureRandom rng = new SecureRandom();
        byte[] key = new byte[CipherState.KEY_LENGTH];
        rng.nextBytes(key);
        tx = CipherState.withKey(key);
        rx = CipherState.withKey(key);
        frame = new byte[WIRE_FRAME];

        JsonNode pki = Fixtures.vectors("pki/src/test/resources/vectors/pki_documents.json");
        List<Authority> auth = new ArrayList<>();
        for (JsonNode a : pki.get("authorities")) {
            auth.add(Authority.fromPem(a.get("name").asString(), a.get("scheme").asString(), a.get("pem").asString()));
        }
        authorities = AuthoritySet.of(auth);
        JsonNode doc = pki.get("documents").get(0);
        consensus = Fixtures.hex(doc.get("certificate"));
        epoch = doc.get("expect").get("epoch").asLong();
        EpochTime t = new EpochTime(Duration.ofSeconds(pki.get("periodSeconds").asLong()));
        clock = new EpochClock(t, Clock.fixed(t.start(epoch).plus(t.period().dividedBy(2)), ZoneOffset.UTC));

        writeCap = WriteCap.generate(rng);
        readCap = writeCap.readCap();
        index = writeCap.firstIndex();
        boxPlaintext = new byte[BOX_PAYLOAD];
        box = index.encrypt(writeCap, ctx, boxPlaintext);

        mkem = new Mkem(X25519Nike.INSTANCE, rng);
        replicaPublic = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            NikeKeyPair kp = X25519Nike.INSTANCE.generateKeyPair(rng);
            replicaPublic.add(kp.publicKey());
            if (i == 0) {
                replicaPrivate = kp.privateKey();
            }
        }
        mkemPlaintext = new byte[MKEM_PAYLOAD];
        encapsulation = mkem.encapsulate(replicaPublic, mkemPlaintext);

        JsonNode thin = Fixtures.vectors("thin-client/src/test/resources/vectors/thin_messages.json");
        for (JsonNode r : thin.get("responses")) {
            byte[] f = Fixtures.hex(r.get("frame"));
            if (thinFrame == null || f.length > thinFrame.length) {
                thinFrame = f;
            }
        }
    }

    /** bench/wire-encrypt-decrypt: one 3200-byte transport frame sealed and opened (ChaCha20-Poly1305). */
    @Benchmark
    public byte[] wireEncryptDecrypt() throws Exception {
        return rx.decryptWithAd(null, tx.encryptWithAd(null, frame));
    }

    /** bench/pki-verify: threshold signature check and parse of the test consensus. */
    @Benchmark
    public Document pkiVerify() throws Exception {
        return UnverifiedDocument.parse(consensus).verify(authorities, clock, epoch);
    }

    /** bench/bacap-encrypt-sign: a 1557-byte box sealed and signed by the writer. */
    @Benchmark
    public SealedBox bacapEncryptSign() {
        return index.encrypt(writeCap, ctx, boxPlaintext);
    }

    /** bench/bacap-verify-decrypt: the reader derives the box ID, verifies and decrypts. */
    @Benchmark
    public byte[] bacapVerifyDecrypt() throws Exception {
        return index.open(readCap, ctx, box.ciphertext(), box.signature());
    }

    /** bench/mkem-x25519-encapsulate: a 1674-byte envelope for two replicas. */
    @Benchmark
    public Mkem.Encapsulation mkemX25519Encapsulate() throws Exception {
        return mkem.encapsulate(replicaPublic, mkemPlaintext);
    }

    /** bench/mkem-x25519-decapsulate: replica 0 opens its DEK and the envelope. */
    @Benchmark
    public byte[] mkemX25519Decapsulate() throws Exception {
        return mkem.decapsulate(replicaPrivate, encapsulation.ephemeralPublicKey(), List.of(encapsulation.dek(0)),
                encapsulation.envelope());
    }

    /** bench/thin-response-decode-encode: the largest thin response frame of the vectors, decoded and re-encoded. */
    @Benchmark
    public byte[] thinResponseDecodeEncode() throws Exception {
        return ThinResponse.decode(thinFrame).orElseThrow().encode();
    }
}
