package org.katzen4j.pigeonhole.bench;

import java.security.SecureRandom;
import java.util.List;

import org.katzen4j.pigeonhole.PaddedPayload;
import org.katzen4j.pigeonhole.PigeonholeGeometry;
import org.katzen4j.pigeonhole.bacap.Bacap;
import org.katzen4j.pigeonhole.bacap.MessageBoxIndex;
import org.katzen4j.pigeonhole.bacap.ReadCap;
import org.katzen4j.pigeonhole.bacap.SealedBox;
import org.katzen4j.pigeonhole.bacap.WriteCap;
import org.katzen4j.pigeonhole.ctidh.Ctidh1024;
import org.katzen4j.pigeonhole.ctidh.CtidhX25519Nike;
import org.katzen4j.pigeonhole.message.CourierEnvelope;
import org.katzen4j.pigeonhole.message.ReplicaRead;
import org.katzen4j.pigeonhole.message.ReplicaWrite;
import org.katzen4j.pigeonhole.mkem.Mkem;
import org.katzen4j.pigeonhole.mkem.Nike;
import org.katzen4j.pigeonhole.mkem.NikeKeyPair;

/**
 * Rough single-threaded cost of the pieces of a prepared write/read (not a JMH benchmark; run by
 * hand: java -cp ... org.katzen4j.pigeonhole.bench.PreparationCost [iterations]). Not part of the
 * test run.
 */
public final class PreparationCost {
    private PreparationCost() {}

    interface Op {
        void run() throws Exception;
    }

    static void time(String name, int n, Op op) throws Exception {
        for (int i = 0; i < Math.min(n * 4, 2000); i++) {
            op.run(); // warm-up (lets the JIT compile the cheap operations)
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            op.run();
        }
        double ms = (System.nanoTime() - t0) / 1e6 / n;
        double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / n;
        System.out.printf("%-40s cpu %10.3f ms/op  wall %10.3f ms/op (n=%d)%n", name, cpu, ms, n);
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        SecureRandom rng = new SecureRandom();
        byte[] ctx = Bacap.pigeonholeContext();
        WriteCap wc = WriteCap.generate(rng);
        ReadCap rc = wc.readCap();
        MessageBoxIndex idx = wc.firstIndex();
        PigeonholeGeometry g = PigeonholeGeometry.fromUserForwardPayloadLength(2000, CtidhX25519Nike.NAME);
        byte[] padded = PaddedPayload.create(new byte[1000], g.paddedPayloadLength());
        time("bacap box id", n * 50, () -> idx.boxId(rc, ctx));
        time("bacap encrypt+sign (M=1553)", n * 50, () -> idx.encrypt(wc, ctx, padded));
        SealedBox box = idx.encrypt(wc, ctx, padded);
        time("bacap verify+decrypt", n * 50, () -> idx.open(rc, ctx, box.ciphertext(), box.signature()));
        if (!Ctidh1024.isAvailable()) {
            System.out.println("CTIDH unavailable: " + Ctidh1024.unavailableReason());
            return;
        }
        Nike nike = CtidhX25519Nike.INSTANCE;
        NikeKeyPair r1 = nike.generateKeyPair(rng);
        NikeKeyPair r2 = nike.generateKeyPair(rng);
        byte[] sk = Ctidh1024.generatePrivateKey(rng);
        byte[] pk = Ctidh1024.publicKey(sk);
        time("ctidh1024 private key", n, () -> Ctidh1024.generatePrivateKey(rng));
        time("ctidh1024 validate", n, () -> Ctidh1024.validate(pk));
        time("ctidh1024 group action (incl. validate)", n, () -> Ctidh1024.groupAction(sk, pk));
        time("hybrid keygen", n, () -> nike.generateKeyPair(rng).close());
        time("hybrid derive secret", n, () -> nike.deriveSecret(r1.privateKey(), r2.publicKey()));
        Mkem mkem = new Mkem(nike, rng);
        List<byte[]> replicas = List.of(r1.publicKey(), r2.publicKey());
        time("prepared write (bacap + mkem to 2)", n, () -> {
            SealedBox b = idx.encrypt(wc, ctx, padded);
            byte[] inner = new ReplicaWrite(b.boxId(), b.signature(), b.ciphertext()).toBytes();
            try (Mkem.Encapsulation e = mkem.encapsulate(replicas, inner)) {
                new CourierEnvelope(0, 1, e.dek(0), e.dek(1), 0, 1, e.ephemeralPublicKey(), e.envelope()).toBytes();
            }
        });
        time("prepared read (box id + mkem to 2)", n, () -> {
            byte[] inner = new ReplicaRead(idx.boxId(rc, ctx)).toBytes();
            try (Mkem.Encapsulation e = mkem.encapsulate(replicas, inner)) {
                new CourierEnvelope(0, 1, e.dek(0), e.dek(1), 0, 1, e.ephemeralPublicKey(), e.envelope()).toBytes();
            }
        });
        Mkem.Encapsulation e = mkem.encapsulate(replicas, new byte[33]);
        byte[] reply = mkem.envelopeReply(r1.privateKey(), e.ephemeralPublicKey(), new byte[1675]);
        time("reply decrypt with kept reply key", n * 50, () -> Mkem.openReply(e.replyKey(0), reply));
        time("reply decrypt from descriptor (DH)", n, () -> mkem.decryptEnvelope(e.ephemeralPrivateKey(), r1.publicKey(), reply));
        time("replica decapsulate", n, () -> mkem.decapsulate(r1.privateKey(), e.ephemeralPublicKey(), List.of(e.dek(0)), e.envelope()));
    }
}
