package org.katzen4j.pigeonhole.ctidh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

import org.katzen4j.pigeonhole.PigeonholeException;
import org.katzen4j.pigeonhole.PigeonholeException.Kind;

/**
 * CTIDH-1024 through the native library {@code libk4jctidh1024}, which the pigeonhole build compiles
 * from the public-domain highctidh sources (pigeonhole/native/ctidh/build-ctidh.sh). Keys are the
 * reference's byte forms: private key = 130 signed exponents, public key = 128 bytes (the Montgomery
 * coefficient A as 16 little-endian 64-bit limbs in the Montgomery domain).
 *
 * <p>The library is looked up, in order, at the path in system property {@code katzen4j.ctidh.lib},
 * in environment variable {@code KATZEN4J_CTIDH_LIB}, then as {@code k4jctidh1024} on
 * {@code java.library.path}. Each group action costs roughly 0.6 s of CPU: keep calls off threads
 * that serve other work.
 */
public final class Ctidh1024 {
    public static final int PUBLIC_KEY_SIZE = 128;
    public static final int PRIVATE_KEY_SIZE = 130;
    public static final String LIBRARY = "k4jctidh1024";

    private static final String UNAVAILABLE_REASON = load();

    private Ctidh1024() {}

    private static String load() {
        String path = System.getProperty("katzen4j.ctidh.lib", System.getenv("KATZEN4J_CTIDH_LIB"));
        try {
            if (path != null && !path.isBlank()) {
                if (!Files.isRegularFile(Path.of(path))) {
                    return "no file at " + path + " (katzen4j.ctidh.lib / KATZEN4J_CTIDH_LIB)";
                }
                System.load(Path.of(path).toAbsolutePath().toString());
            } else {
                System.loadLibrary(LIBRARY);
            }
        } catch (UnsatisfiedLinkError | SecurityException e) {
            return "cannot load lib" + LIBRARY + ": " + e.getMessage();
        }
        try {
            int pk = Ctidh1024Native.publicKeySize();
            int sk = Ctidh1024Native.privateKeySize();
            if (pk != PUBLIC_KEY_SIZE || sk != PRIVATE_KEY_SIZE) {
                return "lib" + LIBRARY + " reports key sizes " + pk + "/" + sk + ", expected 128/130 (little-endian hosts only)";
            }
        } catch (UnsatisfiedLinkError e) {
            return "lib" + LIBRARY + " lacks the katzen4j entry points: " + e.getMessage();
        }
        return null;
    }

    public static boolean isAvailable() {
        return UNAVAILABLE_REASON == null;
    }

    /** Why the library could not be used, or null when it is available. */
    public static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    /**
     * Fails with a message saying how to get the library; call at startup of anything that needs
     * CTIDH (the replica NIKE of Pigeonhole).
     */
    public static void requireAvailable() throws PigeonholeException {
        if (UNAVAILABLE_REASON != null) {
            throw new PigeonholeException(Kind.UNAVAILABLE, "CTIDH-1024 native library unavailable (" + UNAVAILABLE_REASON
                    + "). Build it with pigeonhole/native/ctidh/build-ctidh.sh OUTPUT_DIR (needs go and a C compiler; the "
                    + "pigeonhole Maven build runs it into pigeonhole/target/native) and point -Dkatzen4j.ctidh.lib or "
                    + "KATZEN4J_CTIDH_LIB at libk4jctidh1024.so, or put it on java.library.path.");
        }
    }

    public static byte[] generatePrivateKey(SecureRandom rng) throws PigeonholeException {
        requireAvailable();
        byte[] out = new byte[PRIVATE_KEY_SIZE];
        if (!Ctidh1024Native.generatePrivateKey(rng, out)) {
            throw new PigeonholeException(Kind.BAD_KEY, "CTIDH key generation failed (random source error)");
        }
        return out;
    }

    /** The group action of {@code privateKey} on {@code publicKey}, after validating the latter. */
    public static byte[] groupAction(byte[] privateKey, byte[] publicKey) throws PigeonholeException {
        requireAvailable();
        checkLength(privateKey, PRIVATE_KEY_SIZE, "private");
        checkLength(publicKey, PUBLIC_KEY_SIZE, "public");
        byte[] out = new byte[PUBLIC_KEY_SIZE];
        if (!Ctidh1024Native.groupAction(privateKey, publicKey, out)) {
            throw new PigeonholeException(Kind.BAD_KEY, "CTIDH-1024 public key is not valid");
        }
        return out;
    }

    /** The public key of a private key: its group action on the base curve (A = 0). */
    public static byte[] publicKey(byte[] privateKey) throws PigeonholeException {
        return groupAction(privateKey, new byte[PUBLIC_KEY_SIZE]);
    }

    public static void validate(byte[] publicKey) throws PigeonholeException {
        requireAvailable();
        checkLength(publicKey, PUBLIC_KEY_SIZE, "public");
        if (!Ctidh1024Native.validate(publicKey)) {
            throw new PigeonholeException(Kind.BAD_KEY, "CTIDH-1024 public key is not valid");
        }
    }

    private static void checkLength(byte[] k, int n, String what) throws PigeonholeException {
        if (k == null || k.length != n) {
            throw new PigeonholeException(Kind.BAD_KEY, "CTIDH-1024 " + what + " key must be " + n + " bytes");
        }
    }

}
