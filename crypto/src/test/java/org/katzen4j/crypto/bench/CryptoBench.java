package org.katzen4j.crypto.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import org.katzen4j.crypto.CryptoException;
import org.katzen4j.crypto.KemEncapsulation;
import org.katzen4j.crypto.KemPrivateKey;
import org.katzen4j.crypto.KeyHash;
import org.katzen4j.crypto.NikePrivateKey;
import org.katzen4j.crypto.Schemes;
import org.katzen4j.crypto.SignaturePrivateKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The operations the client performs with this module, to compare with the Go reference's
 * {@code crypto/*} benchmarks in the oracle ({@code interop/oracle/crypto_bench.go}). Not run by
 * the build; see {@code crypto/BENCHMARKS.md}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CryptoBench {
    private final SecureRandom random = new SecureRandom();
    private final byte[] message = new byte[1000];
    private NikePrivateKey x25519A;
    private NikePrivateKey x25519B;
    private KemPrivateKey xwing;
    private byte[] xwingCt;
    private KemPrivateKey mlkem;
    private byte[] mlkemCt;
    private SignaturePrivateKey ed25519;
    private byte[] ed25519Sig;
    private SignaturePrivateKey hybrid;
    private byte[] hybridSig;

    @Setup
    public void setup() throws CryptoException {
        random.nextBytes(message);
        x25519A = Schemes.X25519.generate(random);
        x25519B = Schemes.X25519.generate(random);
        xwing = Schemes.XWING.generate(random);
        xwingCt = Schemes.XWING.encapsulate(xwing.publicKey(), random).ciphertext();
        mlkem = Schemes.MLKEM768.generate(random);
        mlkemCt = Schemes.MLKEM768.encapsulate(mlkem.publicKey(), random).ciphertext();
        ed25519 = Schemes.ED25519.generate(random);
        ed25519Sig = Schemes.ED25519.sign(ed25519, message);
        hybrid = Schemes.ED25519_SPHINCS_PLUS.generate(random);
        hybridSig = Schemes.ED25519_SPHINCS_PLUS.sign(hybrid, message);
    }

    @Benchmark
    public NikePrivateKey x25519Keygen() {
        return Schemes.X25519.generate(random);
    }

    @Benchmark
    public byte[] x25519Derive() throws CryptoException {
        return Schemes.X25519.deriveSecret(x25519A, x25519B.publicKey());
    }

    @Benchmark
    public KemPrivateKey xwingKeygen() {
        return Schemes.XWING.generate(random);
    }

    @Benchmark
    public KemEncapsulation xwingEncapsulate() throws CryptoException {
        return Schemes.XWING.encapsulate(xwing.publicKey(), random);
    }

    @Benchmark
    public byte[] xwingDecapsulate() throws CryptoException {
        return Schemes.XWING.decapsulate(xwing, xwingCt);
    }

    @Benchmark
    public KemPrivateKey mlkem768Keygen() {
        return Schemes.MLKEM768.generate(random);
    }

    @Benchmark
    public KemEncapsulation mlkem768Encapsulate() throws CryptoException {
        return Schemes.MLKEM768.encapsulate(mlkem.publicKey(), random);
    }

    @Benchmark
    public byte[] mlkem768Decapsulate() throws CryptoException {
        return Schemes.MLKEM768.decapsulate(mlkem, mlkemCt);
    }

    @Benchmark
    public byte[] ed25519Sign() {
        return Schemes.ED25519.sign(ed25519, message);
    }

    @Benchmark
    public boolean ed25519Verify() {
        return Schemes.ED25519.verify(ed25519.publicKey(), message, ed25519Sig);
    }

    @Benchmark
    public boolean ed25519SphincsVerify() {
        return Schemes.ED25519_SPHINCS_PLUS.verify(hybrid.publicKey(), message, hybridSig);
    }

    @Benchmark
    public byte[] keyHashXwing() {
        return KeyHash.of(xwing.publicKey());
    }
}
