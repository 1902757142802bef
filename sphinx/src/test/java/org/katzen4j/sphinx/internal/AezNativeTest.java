package org.katzen4j.sphinx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.katzen4j.sphinx.Vectors.hex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.katzen4j.sphinx.Vectors;

import tools.jackson.databind.JsonNode;

/**
 * The native AES-NI AEZ ({@link AezNative}) against the pure-Java one ({@link AezJava}) and the
 * Go-written vectors. Skipped, with the reason, when the native library is not in use (not built,
 * no AES-NI, or disabled with -Dkatzen4j.aez.native=false); {@link #loaderMatchesTheBuild()} always runs.
 */
class AezNativeTest {

    @BeforeAll
    static void report() {
        System.out.println("AEZ implementation in this test JVM: " + Aez.implementation());
    }

    private static void assumeNative() {
        assumeTrue(AezNative.isAvailable(), "native AEZ not in use: " + AezNative.unavailableReason());
    }

    /** The loader does what the build and the switches say: no silent fallback when the library is there. */
    @Test
    void loaderMatchesTheBuild() throws IOException {
        String enable = System.getProperty(AezNative.ENABLE_PROPERTY, System.getenv(AezNative.ENABLE_ENV));
        boolean disabled = enable != null && (enable.equalsIgnoreCase("false") || enable.equals("0"));
        if (disabled) {
            assertThat(AezNative.isAvailable()).isFalse();
            assertThat(Aez.implementation()).startsWith("pure Java (disabled");
            return;
        }
        String explicit = System.getProperty(AezNative.LIB_PROPERTY, System.getenv(AezNative.LIB_ENV));
        assumeTrue(explicit == null || explicit.isBlank(), "library path set explicitly (" + explicit + "): "
                + Aez.implementation());
        boolean bundled = AezNative.class.getResource(AezNative.RESOURCE) != null;
        Path cpuinfo = Path.of("/proc/cpuinfo");
        boolean aesNi = Files.isReadable(cpuinfo)
                && Files.readAllLines(cpuinfo).stream().anyMatch(l -> l.startsWith("flags") && l.contains(" aes"));
        assumeTrue(bundled && aesNi, "libk4jaez was not built into target/classes (bundled=" + bundled
                + ") or this CPU has no AES-NI (" + aesNi + ")");
        assertThat(AezNative.isAvailable()).as("native AEZ: %s", AezNative.unavailableReason()).isTrue();
        assertThat(Aez.implementation()).startsWith("native AES-NI");
        assertThat(AezNative.unavailableReason()).isNull();
    }

    /** Every Go-written AEZ vector (all lengths 0..~300 and more), through both implementations directly. */
    @Test
    void oracleVectorsBothImplementations() {
        assumeNative();
        JsonNode all = Vectors.load("sphinx_aez.json");
        assertThat(all.size()).isGreaterThan(200);
        for (JsonNode v : all) {
            byte[] key = hex(v.get("key"));
            byte[] nonce = hex(v.get("nonce"));
            byte[] pt = hex(v.get("plaintext"));
            byte[] ct = hex(v.get("ciphertext"));
            byte[] dpt = hex(v.get("decryptOfPlaintext"));
            String what = "n=" + pt.length;
            assertThat(AezNative.encrypt(key, nonce, pt)).as(what).isEqualTo(ct);
            assertThat(AezNative.decrypt(key, nonce, ct)).as(what).isEqualTo(pt);
            assertThat(AezNative.decrypt(key, nonce, pt)).as(what).isEqualTo(dpt);
            assertThat(AezJava.encrypt(key, nonce, pt)).as(what).isEqualTo(ct);
            assertThat(AezJava.decrypt(key, nonce, pt)).as(what).isEqualTo(dpt);
        }
    }

    /**
     * Random keys, nonces and messages over the lengths that exercise every branch: AEZ-tiny
     * (1..31, odd and even, below and above 16), AEZ-core with every fragment shape (0, 1..15, 16,
     * 17..31 bytes) around full groups of eight pairs (the native core interleaves eight), and the
     * Sphinx sizes. Nonces: 16 bytes as Sphinx uses them, and other lengths (empty, partial, several blocks).
     */
    @Test
    void randomizedEquivalenceWithJava() {
        assumeNative();
        List<Integer> lengths = new ArrayList<>(List.of(0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 255, 256,
                257, 2606, 2574, 2000, 3082, 32000, 32032));
        for (int pairs = 0; pairs <= 19; pairs++) {
            for (int frag : new int[] {0, 1, 15, 16, 17, 31}) {
                lengths.add(32 + 32 * pairs + frag);
            }
        }
        int[] nonceLengths = {16, 0, 1, 15, 17, 32, 33, 130};
        Random r = new Random(0x4145_5a);
        int checked = 0;
        for (int n : lengths) {
            for (int nl : nonceLengths) {
                byte[] key = bytes(r, Aez.KEY_LENGTH);
                byte[] nonce = bytes(r, nl);
                byte[] m = bytes(r, n);
                String what = "n=" + n + " nonce=" + nl;
                byte[] c = AezNative.encrypt(key, nonce, m);
                assertThat(c).as(what).isEqualTo(AezJava.encrypt(key, nonce, m));
                assertThat(AezNative.decrypt(key, nonce, c)).as(what).isEqualTo(m);
                assertThat(AezNative.decrypt(key, nonce, m)).as(what).isEqualTo(AezJava.decrypt(key, nonce, m));
                checked++;
            }
        }
        for (int k = 0; k < 200; k++) {
            int n = k % 10 == 0 ? r.nextInt(40_000) : r.nextInt(700);
            byte[] key = bytes(r, Aez.KEY_LENGTH);
            byte[] nonce = bytes(r, r.nextInt(3) == 0 ? r.nextInt(50) : 16);
            byte[] m = bytes(r, n);
            assertThat(AezNative.encrypt(key, nonce, m)).as("n=" + n).isEqualTo(AezJava.encrypt(key, nonce, m));
            assertThat(AezNative.decrypt(key, nonce, m)).as("n=" + n).isEqualTo(AezJava.decrypt(key, nonce, m));
            checked++;
        }
        assertThat(checked).isGreaterThan(1000);
    }

    /** Reply decryption as Sphinx does it: four encryptions and one decryption under five keys, 2606 bytes. */
    @Test
    void surbLayersMatch() {
        assumeNative();
        Random r = new Random(5);
        byte[] a = bytes(r, 2606);
        byte[] b = a.clone();
        for (int layer = 0; layer < 5; layer++) {
            byte[] key = bytes(r, Aez.KEY_LENGTH);
            byte[] iv = bytes(r, 16);
            a = layer == 4 ? AezNative.decrypt(key, iv, a) : AezNative.encrypt(key, iv, a);
            b = layer == 4 ? AezJava.decrypt(key, iv, b) : AezJava.encrypt(key, iv, b);
            assertThat(a).as("layer " + layer).isEqualTo(b);
        }
    }

    /** The layered call (native: one JNI call in place) equals the per-layer calls of the Java AEZ. */
    @Test
    void replyLayersNativeMatchesJavaLoop() {
        assumeNative();
        Random r = new Random(11);
        for (int layers = 1; layers <= 9; layers++) {
            for (int n : new int[] {0, 1, 17, 31, 32, 33, 2606, 3000}) {
                byte[] entries = bytes(r, 64 * layers);
                byte[] m = bytes(r, n);
                byte[] copy = m.clone();
                byte[] want = javaLoop(entries, m);
                byte[] out = m.clone();
                assertThat(AezNative.layers(entries, layers, 1L << (layers - 1), out, 0, n)).isZero();
                assertThat(out).as("layers=%d n=%d", layers, n).isEqualTo(want);
                assertThat(Aez.replyLayers(entries, m)).as("layers=%d n=%d", layers, n).isEqualTo(want);
                assertThat(m).isEqualTo(copy);
            }
        }
        // the decrypt mask is honoured bit by bit
        byte[] entries = bytes(r, 64 * 4);
        byte[] m = bytes(r, 500);
        byte[] want = m;
        long mask = 0b1010;
        for (int i = 0; i < 4; i++) {
            byte[] k = java.util.Arrays.copyOfRange(entries, 64 * i, 64 * i + 48);
            byte[] nonce = java.util.Arrays.copyOfRange(entries, 64 * i + 48, 64 * i + 64);
            want = ((mask >> i) & 1) != 0 ? AezJava.decrypt(k, nonce, want) : AezJava.encrypt(k, nonce, want);
        }
        byte[] out = m.clone();
        assertThat(AezNative.layers(entries, 4, mask, out, 0, out.length)).isZero();
        assertThat(out).isEqualTo(want);
    }

    /** Whichever path this JVM uses: the layered call equals encrypting with every entry but the last and decrypting with it. */
    @Test
    void replyLayersOnTheActivePath() {
        Random r = new Random(12);
        for (int layers : new int[] {1, 5}) {
            byte[] entries = bytes(r, 64 * layers);
            byte[] m = bytes(r, 2606);
            assertThat(Aez.replyLayers(entries, m)).isEqualTo(javaLoop(entries, m));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Aez.replyLayers(new byte[63], new byte[40]))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Aez.replyLayers(new byte[0], new byte[40]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] javaLoop(byte[] entries, byte[] m) {
        int layers = entries.length / 64;
        byte[] b = m;
        for (int i = 0; i < layers; i++) {
            byte[] k = java.util.Arrays.copyOfRange(entries, 64 * i, 64 * i + 48);
            byte[] nonce = java.util.Arrays.copyOfRange(entries, 64 * i + 48, 64 * i + 64);
            b = i == layers - 1 ? AezJava.decrypt(k, nonce, b) : AezJava.encrypt(k, nonce, b);
        }
        return b;
    }

    /** The facade's instance form uses the same path and leaves its inputs untouched. */
    @Test
    void facadeInstanceAndInputsUntouched() {
        assumeNative();
        Random r = new Random(9);
        byte[] key = bytes(r, Aez.KEY_LENGTH);
        byte[] nonce = bytes(r, 16);
        byte[] m = bytes(r, 1000);
        byte[] mCopy = m.clone();
        byte[] keyCopy = key.clone();
        Aez aez = new Aez(key);
        byte[] c = aez.encrypt(nonce, m);
        assertThat(m).isEqualTo(mCopy);
        assertThat(key).isEqualTo(keyCopy);
        assertThat(c).isEqualTo(new AezJava(key).encrypt(nonce, m));
        assertThat(aez.decrypt(nonce, c)).isEqualTo(m);
        aez.wipe();
    }

    /**
     * A JVM pointed at a missing library falls back to Java, says so in one log line, and still
     * gives the known answer (key 00..2f, nonce 80..8f, 32 zero bytes).
     */
    @Test
    void missingLibraryFallsBackWithALogLine() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse(null);
        assumeTrue(javaBin != null, "cannot tell which java runs this test");
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                "-D" + AezNative.LIB_PROPERTY + "=/nonexistent/libk4jaez.so", Child.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("impl=pure Java (no file at /nonexistent/libk4jaez.so")
                .contains("falling back to the pure-Java AEZ")
                .contains("ct=111a68ca4d7ab41c3f762a788a29c2efadbb9e8b404da9db40b1cc132abde1ba");
    }

    /** Run by {@link #missingLibraryFallsBackWithALogLine()} in its own JVM. */
    static final class Child {
        public static void main(String[] args) {
            byte[] key = new byte[48];
            byte[] nonce = new byte[16];
            for (int k = 0; k < 48; k++) {
                key[k] = (byte) k;
            }
            for (int k = 0; k < 16; k++) {
                nonce[k] = (byte) (0x80 + k);
            }
            System.out.println("impl=" + Aez.implementation());
            System.out.println("ct=" + hex(Aez.encrypt(key, nonce, new byte[32])));
        }
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
