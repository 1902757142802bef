package org.katzen4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Bad keys, sizes, ciphertexts and PEM give a {@link CryptoException} whose kind and message say
 * what was wrong; nothing unchecked escapes from BouncyCastle.
 */
class MalformedInputTest {

    private static void fails(ThrowingCallable call, CryptoException.Kind kind, String... inMessage) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CryptoException.class, e -> {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
            if (inMessage.length > 0) {
                assertThat(e.getMessage()).contains(inMessage);
            }
        });
    }

    @Test
    void wrongSizesNameSchemeWhatAndBothLengths() throws Exception {
        for (KemScheme s : Schemes.allKem()) {
            int pk = s.publicKeySize();
            fails(() -> s.publicKeyFromBytes(new byte[pk - 1]), CryptoException.Kind.WRONG_SIZE, s.name(), "public key", "" + pk, "" + (pk - 1));
            fails(() -> s.privateKeyFromBytes(new byte[s.privateKeySize() + 1]), CryptoException.Kind.WRONG_SIZE, s.name(), "private key");
            KemPrivateKey k = s.generate(new TestRandom("malformed " + s.name()));
            fails(() -> s.decapsulate(k, new byte[s.ciphertextSize() - 1]), CryptoException.Kind.WRONG_SIZE, s.name(), "ciphertext");
        }
        for (SignatureScheme s : Schemes.allSignature()) {
            fails(() -> s.publicKeyFromBytes(new byte[s.publicKeySize() + 3]), CryptoException.Kind.WRONG_SIZE, s.name(), "public key");
            fails(() -> s.privateKeyFromBytes(new byte[1]), CryptoException.Kind.WRONG_SIZE, s.name(), "private key");
        }
        for (NikeScheme s : Schemes.allNike()) {
            fails(() -> s.publicKeyFromBytes(new byte[0]), CryptoException.Kind.WRONG_SIZE, s.name(), "public key");
            fails(() -> s.privateKeyFromBytes(new byte[s.privateKeySize() * 2]), CryptoException.Kind.WRONG_SIZE, s.name(), "private key");
        }
    }

    @Test
    void mlkemPublicKeyWithUnreducedCoefficient() throws Exception {
        for (KemScheme s : List.of(Schemes.XWING, Schemes.MLKEM768)) {
            byte[] pk = s.generate(new TestRandom("coeff " + s.name())).publicKey().encoded();
            pk[0] = (byte) 0xff;
            pk[1] = (byte) 0x0f; // first coefficient = 0xfff >= q
            fails(() -> s.publicKeyFromBytes(pk), CryptoException.Kind.MALFORMED_KEY, s.name(), ">= q");
        }
        byte[] combo = Schemes.MLKEM768_X25519.generate(new TestRandom("coeff combo")).publicKey().encoded();
        combo[32] = (byte) 0xff;
        combo[33] = (byte) 0xff;
        fails(() -> Schemes.MLKEM768_X25519.publicKeyFromBytes(combo), CryptoException.Kind.MALFORMED_KEY, "MLKEM768-X25519");
    }

    @Test
    void inconsistentPrivateKeys() throws Exception {
        byte[] xw = Schemes.XWING.generate(new TestRandom("xw")).encoded();
        byte[] badX = xw.clone();
        badX[2400 + 32] ^= 1; // pkX inside the decapsulation key
        fails(() -> Schemes.XWING.privateKeyFromBytes(badX), CryptoException.Kind.MALFORMED_KEY, "XWING", "X25519");
        byte[] badTail = xw.clone();
        badTail[badTail.length - 1] ^= 1; // trailing copy of the public key
        fails(() -> Schemes.XWING.privateKeyFromBytes(badTail), CryptoException.Kind.MALFORMED_KEY, "XWING", "trailing public key");
        byte[] badHash = xw.clone();
        badHash[1152 + 1184] ^= 1; // H(ek)
        fails(() -> Schemes.XWING.privateKeyFromBytes(badHash), CryptoException.Kind.MALFORMED_KEY, "XWING", "H(ek)");

        byte[] ml = Schemes.MLKEM768.generate(new TestRandom("ml")).encoded();
        ml[ml.length - 5] ^= 1;
        fails(() -> Schemes.MLKEM768.privateKeyFromBytes(ml), CryptoException.Kind.MALFORMED_KEY, "MLKEM768");

        byte[] sp = Schemes.SPHINCS_PLUS.generate(new TestRandom("sp")).encoded();
        sp[127] ^= 1; // root
        fails(() -> Schemes.SPHINCS_PLUS.privateKeyFromBytes(sp), CryptoException.Kind.MALFORMED_KEY, "Sphincs+", "root");

        byte[] hy = Schemes.ED25519_SPHINCS_PLUS.generate(new TestRandom("hy")).encoded();
        hy[63] ^= 1; // Ed25519 public half
        fails(() -> Schemes.ED25519_SPHINCS_PLUS.privateKeyFromBytes(hy), CryptoException.Kind.MALFORMED_KEY, "Ed25519 Sphincs+", "Ed25519");
    }

    @Test
    void lowOrderPointsInKems() throws Exception {
        KemPrivateKey k = Schemes.XWING.generate(new TestRandom("low"));
        byte[] ct = new byte[1120]; // ctX all zero: X25519 output all zero
        fails(() -> Schemes.XWING.decapsulate(k, ct), CryptoException.Kind.ZERO_SHARED_SECRET, "XWING");
        byte[] pk = k.publicKey().encoded();
        Arrays.fill(pk, 1184, 1216, (byte) 0);
        KemPublicKey weak = Schemes.XWING.publicKeyFromBytes(pk);
        fails(() -> Schemes.XWING.encapsulate(weak, new TestRandom("e")), CryptoException.Kind.ZERO_SHARED_SECRET, "XWING");
        KemPrivateKey a = Schemes.X25519_KEM.generate(new TestRandom("a"));
        fails(() -> Schemes.X25519_KEM.decapsulate(a, new byte[32]), CryptoException.Kind.ZERO_SHARED_SECRET, "x25519", "all zeros");
    }

    @Test
    void pemProblemsAreNamed() throws Exception {
        KemScheme s = Schemes.XWING;
        String good = s.generate(new TestRandom("pem")).publicKey().toPem();
        fails(() -> s.publicKeyFromPem("no pem here"), CryptoException.Kind.MALFORMED_PEM, "XWING", "no PEM BEGIN");
        fails(() -> s.publicKeyFromPem(good.replace("-----END XWING PUBLIC KEY-----", "")), CryptoException.Kind.MALFORMED_PEM, "END");
        fails(() -> s.publicKeyFromPem(good.replace(good.substring(40, 44), "!!!!")), CryptoException.Kind.MALFORMED_PEM, "base64");
        fails(() -> s.publicKeyFromPem(good.replace("-----\n", "-----\nProc-Type: 4,ENCRYPTED\n\n")), CryptoException.Kind.MALFORMED_PEM, "headers");
        fails(() -> s.publicKeyFromPem(good.replace("XWING", "KYBER")), CryptoException.Kind.WRONG_PEM_LABEL, "KYBER PUBLIC KEY", "XWING PUBLIC KEY");
        fails(() -> s.privateKeyFromPem(good), CryptoException.Kind.WRONG_PEM_LABEL, "XWING PRIVATE KEY");
        // right label, wrong body length
        String shortBody = Pem.encode("XWING PUBLIC KEY", new byte[10]);
        fails(() -> s.publicKeyFromPem(shortBody), CryptoException.Kind.WRONG_SIZE, "XWING", "1216", "10");
        // leading text and lower-case labels are accepted, as in Go
        assertThat(s.publicKeyFromPem("comment\n" + good.replace("XWING PUBLIC KEY", "xwing public key")).encoded())
                .isEqualTo(s.publicKeyFromPem(good).encoded());
        assertThatThrownBy(() -> Pem.encodeKey("X25519 PUBLIC KEY", new byte[32])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void randomBytesNeverEscapeAsUncheckedExceptions() {
        Random rnd = new Random(42);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            for (KemScheme s : Schemes.allKem()) {
                byte[] b = randomNear(rnd, i % 3 == 0 ? s.publicKeySize() : s.ciphertextSize());
                tryAll(failures, s.name() + " pk", () -> s.publicKeyFromBytes(b));
                tryAll(failures, s.name() + " pem", () -> s.publicKeyFromPem(mangle(rnd, Pem.encode(Pem.publicLabel(s.name()), b))));
            }
            for (SignatureScheme s : Schemes.allSignature()) {
                byte[] b = randomNear(rnd, s.publicKeySize());
                tryAll(failures, s.name() + " pk", () -> s.publicKeyFromBytes(b));
            }
        }
        for (KemScheme s : Schemes.allKem()) {
            KemPrivateKey k = s.generate(new TestRandom("fuzz " + s.name()));
            for (int i = 0; i < 20; i++) {
                byte[] ct = randomNear(rnd, s.ciphertextSize());
                tryAll(failures, s.name() + " decaps", () -> s.decapsulate(k, ct));
            }
        }
        for (SignatureScheme s : List.of(Schemes.ED25519, Schemes.ED448, Schemes.ED25519_SPHINCS_PLUS)) {
            SignaturePublicKey pk = s.generate(new TestRandom("fuzz " + s.name())).publicKey();
            for (int i = 0; i < 20; i++) {
                byte[] sig = randomNear(rnd, s.signatureSize());
                tryAll(failures, s.name() + " verify", () -> assertThat(s.verify(pk, new byte[] {1}, sig)).isFalse());
            }
        }
        assertThat(failures).isEmpty();
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void tryAll(List<String> failures, String what, Call c) {
        try {
            c.run();
        } catch (CryptoException e) {
            // expected kind of failure
        } catch (Exception | AssertionError e) {
            failures.add(what + ": " + e);
        }
    }

    private static byte[] randomNear(Random rnd, int size) {
        int n = switch (rnd.nextInt(4)) {
            case 0 -> size;
            case 1 -> Math.max(0, size - 1 - rnd.nextInt(3));
            case 2 -> size + 1 + rnd.nextInt(3);
            default -> rnd.nextInt(size * 2 + 1);
        };
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static String mangle(Random rnd, String pem) {
        char[] c = pem.toCharArray();
        int flips = rnd.nextInt(3);
        for (int i = 0; i < flips && c.length > 0; i++) {
            c[rnd.nextInt(c.length)] = (char) (33 + rnd.nextInt(94));
        }
        String s = new String(c);
        return rnd.nextBoolean() ? s : Base64.getEncoder().encodeToString(s.getBytes()).substring(0, Math.min(10, s.length()));
    }
}
