package org.katzen4j.wire;

import java.security.SecureRandom;

import org.katzen4j.crypto.KemPrivateKey;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.wire.noise.NoiseKem;
import org.katzen4j.wire.noise.PqXXHandshake;

/**
 * Rough timing of one complete in-memory pqXX handshake (both roles, real XWING), the Java side of
 * the oracle's {@code wire/handshake} benchmark. Not a test; run by hand:
 * {@code java -cp <test classpath> org.katzen4j.wire.HandshakeTiming [seconds]}.
 */
public final class HandshakeTiming {
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        SecureRandom rnd = new SecureRandom();
        NoiseKem kem = NoiseKem.of(Schemes.XWING, rnd);
        KemPrivateKey i = Schemes.XWING.generate(rnd);
        KemPrivateKey r = Schemes.XWING.generate(rnd);
        byte[] auth = new AuthMessage(new byte[32], 0).encode();
        long n = 0;
        long start = System.nanoTime();
        long warm = start + (long) (seconds * 0.3e9);
        long end = start + (long) (seconds * 1.3e9);
        long measuredFrom = 0;
        long measuredN = 0;
        while (System.nanoTime() < end) {
            if (measuredFrom == 0 && System.nanoTime() > warm) {
                measuredFrom = System.nanoTime();
                measuredN = n;
            }
            PqXXHandshake a = PqXXHandshake.start(PqXXHandshake.Role.INITIATOR, kem, NoiseKem.local(i), new byte[] {3});
            PqXXHandshake b = PqXXHandshake.start(PqXXHandshake.Role.RESPONDER, kem, NoiseKem.local(r), new byte[] {3});
            b.readMessage(a.writeMessage(new byte[0]));
            a.readMessage(b.writeMessage(auth));
            b.readMessage(a.writeMessage(auth));
            a.readMessage(b.writeMessage(new byte[0]));
            a.split();
            b.split();
            n++;
        }
        double ns = (System.nanoTime() - measuredFrom) / (double) (n - measuredN);
        System.out.printf("{\"name\":\"wire/handshake\",\"iterations\":%d,\"ns_per_op\":%.0f}%n", n - measuredN, ns);
    }
}
