package org.katzen4j.sphinx.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * AEZ through the native library {@code libk4jaez} (sphinx/native/aez: katzen4j's own C code with
 * AES-NI, one JNI call per message). The sphinx build compiles it when a C compiler and the JNI
 * headers are there and puts it into the jar; without it {@link Aez} uses {@link AezJava}.
 *
 * <p>Lookup, in order: disabled by {@code -Dkatzen4j.aez.native=false} or
 * {@code KATZEN4J_AEZ_NATIVE=0}; the file named by {@code -Dkatzen4j.aez.lib} or
 * {@code KATZEN4J_AEZ_LIB}; the copy in the jar ({@code native/linux-x86_64/libk4jaez.so} next to
 * this class, on x86-64 Linux); {@code k4jaez} on {@code java.library.path}. The library must then
 * report the expected ABI, find the AES instructions (CPUID) and agree with {@link AezJava} on a
 * self-test; otherwise the Java path is used. One log line ({@code System.Logger}
 * "org.katzen4j.sphinx.aez") says which path is in use and why. On JDK 24+ add
 * {@code --enable-native-access=ALL-UNNAMED} to silence the JVM's warning about {@code System.load}.
 */
public final class AezNative {
    public static final String LIBRARY = "k4jaez";
    public static final String LIB_PROPERTY = "katzen4j.aez.lib";
    public static final String LIB_ENV = "KATZEN4J_AEZ_LIB";
    public static final String ENABLE_PROPERTY = "katzen4j.aez.native";
    public static final String ENABLE_ENV = "KATZEN4J_AEZ_NATIVE";
    static final String RESOURCE = "native/linux-x86_64/libk4jaez.so";
    private static final int ABI = 2;
    /** Most layers one {@link #layers} call takes (one bit each in the decrypt mask). */
    static final int MAX_LAYERS = 64;

    private static final System.Logger LOG = System.getLogger("org.katzen4j.sphinx.aez");
    private static String source = "none";
    private static final String UNAVAILABLE_REASON;

    static {
        String reason = load();
        UNAVAILABLE_REASON = reason;
        if (reason == null) {
            LOG.log(Level.INFO, "AEZ: using the native AES-NI library ({0})", source);
        } else {
            LOG.log(Level.INFO, "AEZ: native library not used ({0}); falling back to the pure-Java AEZ "
                    + "(slower, table-based AES)", reason);
        }
    }

    private AezNative() {
    }

    static native int abi();

    static native boolean cpuSupported();

    /** Returns 0, or a negative value when the JVM denied access to an array. Arguments are checked by the caller. */
    static native int cipher(byte[] key, byte[] nonce, byte[] in, int inOff, byte[] out, int outOff, int len,
                             boolean decrypt);

    /**
     * {@code count} AEZ layers over {@code buf[off, off+len)} in place; entry i of {@code entries}
     * (64 bytes: key, nonce) keys layer i, which decrypts when bit i of {@code decryptMask} is set.
     * Returns 0, or a negative value when the JVM denied access to an array. Arguments are checked
     * by the caller (count at most {@link #MAX_LAYERS}, entries at least 64 * count bytes).
     */
    static native int layers(byte[] entries, int count, long decryptMask, byte[] buf, int off, int len);

    /** True when the native library is loaded, usable on this CPU and passed the self-test. */
    public static boolean isAvailable() {
        return UNAVAILABLE_REASON == null;
    }

    /** Why the native library is not used, or null when it is. */
    public static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    /** Where the library was loaded from ("none" when it was not). */
    public static String source() {
        return source;
    }

    /** AEZ encryption (τ = 0, no AD) in one native call; requires {@link #isAvailable()}. */
    public static byte[] encrypt(byte[] key, byte[] nonce, byte[] msg) {
        return run(key, nonce, msg, false);
    }

    /** AEZ decryption (τ = 0, no AD) in one native call; requires {@link #isAvailable()}. */
    public static byte[] decrypt(byte[] key, byte[] nonce, byte[] msg) {
        return run(key, nonce, msg, true);
    }

    private static byte[] run(byte[] key, byte[] nonce, byte[] msg, boolean decrypt) {
        if (UNAVAILABLE_REASON != null) {
            throw new IllegalStateException("native AEZ unavailable: " + UNAVAILABLE_REASON);
        }
        if (key.length != Aez.KEY_LENGTH) {
            throw new IllegalArgumentException("AEZ key must be 48 bytes, got " + key.length);
        }
        java.util.Objects.requireNonNull(nonce, "nonce");
        byte[] out = new byte[msg.length];
        if (msg.length == 0) {
            return out;
        }
        if (cipher(key, nonce, msg, 0, out, 0, msg.length, decrypt) != 0) {
            // the JVM could not pin an array (out of memory); the Java path gives the same bytes
            return decrypt ? AezJava.decrypt(key, nonce, msg) : AezJava.encrypt(key, nonce, msg);
        }
        return out;
    }

    // ------------------------------------------------------------------ loading

    private static String load() {
        String enable = System.getProperty(ENABLE_PROPERTY, System.getenv(ENABLE_ENV));
        if (enable != null && (enable.equalsIgnoreCase("false") || enable.equals("0") || enable.equalsIgnoreCase("no"))) {
            return "disabled by -D" + ENABLE_PROPERTY + " / " + ENABLE_ENV;
        }
        String path = System.getProperty(LIB_PROPERTY, System.getenv(LIB_ENV));
        try {
            if (path != null && !path.isBlank()) {
                Path p = Path.of(path).toAbsolutePath();
                if (!Files.isRegularFile(p)) {
                    return "no file at " + path + " (-D" + LIB_PROPERTY + " / " + LIB_ENV + ")";
                }
                System.load(p.toString());
                source = p.toString();
            } else if (bundledPlatform()) {
                String r = loadBundled();
                if (r != null) {
                    return r;
                }
            } else {
                System.loadLibrary(LIBRARY);
                source = "lib" + LIBRARY + " on java.library.path";
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // RuntimeException: SecurityException, or IllegalCallerException when native access is denied
            return "cannot load lib" + LIBRARY + " (" + source + "): " + e.getMessage();
        }
        return check();
    }

    private static boolean bundledPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** The copy in the jar (or in target/classes during the build); null when it was loaded. */
    private static String loadBundled() {
        URL u = AezNative.class.getResource(RESOURCE);
        if (u == null) {
            try {
                System.loadLibrary(LIBRARY);
                source = "lib" + LIBRARY + " on java.library.path";
                return null;
            } catch (UnsatisfiedLinkError e) {
                return "lib" + LIBRARY + " was not built into this jar (no C compiler or JNI headers at build time; "
                        + "see sphinx/native/aez) and is not on java.library.path; -D" + LIB_PROPERTY + " or " + LIB_ENV
                        + " can name it";
            }
        }
        try {
            if ("file".equals(u.getProtocol())) {
                Path p = Path.of(u.toURI());
                System.load(p.toString());
                source = p.toString();
                return null;
            }
            Path tmp = Files.createTempFile("libk4jaez-", ".so");
            try {
                try (InputStream in = u.openStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                System.load(tmp.toString());
                source = "bundled " + u;
            } finally {
                // the mapping stays after the file is gone
                Files.deleteIfExists(tmp);
            }
            return null;
        } catch (IOException | URISyntaxException e) {
            return "cannot extract the bundled lib" + LIBRARY + ": " + e.getMessage();
        }
    }

    private static String check() {
        try {
            int abi = abi();
            if (abi != ABI) {
                return "lib" + LIBRARY + " at " + source + " has ABI " + abi + ", expected " + ABI + " (stale build?)";
            }
            if (!cpuSupported()) {
                return "this CPU has no AES-NI instructions";
            }
            return selfTest();
        } catch (UnsatisfiedLinkError e) {
            return "lib" + LIBRARY + " at " + source + " lacks the katzen4j entry points: " + e.getMessage();
        }
    }

    /** Both directions and both AEZ-tiny and AEZ-core against the Java implementation. */
    private static String selfTest() {
        byte[] key = new byte[Aez.KEY_LENGTH];
        byte[] nonce = new byte[16];
        for (int k = 0; k < key.length; k++) {
            key[k] = (byte) (k * 29 + 1);
        }
        for (int k = 0; k < nonce.length; k++) {
            nonce[k] = (byte) (0x80 + k);
        }
        for (int n : new int[] {1, 3, 16, 31, 32, 47, 300}) {
            byte[] m = new byte[n];
            for (int k = 0; k < n; k++) {
                m[k] = (byte) (k * 7);
            }
            for (boolean d : new boolean[] {false, true}) {
                byte[] got = new byte[n];
                int rc = cipher(key, nonce, m, 0, got, 0, n, d);
                byte[] want = d ? AezJava.decrypt(key, nonce, m) : AezJava.encrypt(key, nonce, m);
                if (rc != 0 || !Arrays.equals(got, want)) {
                    return "lib" + LIBRARY + " at " + source + " failed the self-test against the Java AEZ (n=" + n + ")";
                }
            }
        }
        // three layers in one call: encrypt, encrypt, decrypt
        byte[] entries = new byte[3 * 64];
        for (int k = 0; k < entries.length; k++) {
            entries[k] = (byte) (k * 13 + 5);
        }
        byte[] want = new byte[300];
        byte[] got = want.clone();
        for (int i = 0; i < 3; i++) {
            byte[] k = Arrays.copyOfRange(entries, 64 * i, 64 * i + 48);
            byte[] n = Arrays.copyOfRange(entries, 64 * i + 48, 64 * i + 64);
            want = i == 2 ? AezJava.decrypt(k, n, want) : AezJava.encrypt(k, n, want);
        }
        if (layers(entries, 3, 1L << 2, got, 0, got.length) != 0 || !Arrays.equals(got, want)) {
            return "lib" + LIBRARY + " at " + source + " failed the layered self-test against the Java AEZ";
        }
        return null;
    }
}
