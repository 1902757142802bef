package org.katzen4j.crypto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The scheme registry, by hpqc name. Lookups are case-insensitive like hpqc's {@code ByName}, so
 * {@code "xwing"} in a TOML file finds {@code XWING}; {@link KemScheme#name()} etc. always return the
 * canonical spelling (which is what goes into PEM labels and the Noise protocol name).
 *
 * <p>Names hpqc knows but Java does not implement (CTIDH, McEliece, …) give
 * {@link CryptoException.Kind#UNSUPPORTED}; anything else {@link CryptoException.Kind#UNKNOWN_SCHEME}.
 */
public final class Schemes {
    /** {@code "x25519"} NIKE. */
    public static final NikeScheme X25519 = X25519Nike.INSTANCE;
    /** {@code "Ed25519"} signatures (genconfig's default PKI scheme). */
    public static final SignatureScheme ED25519 = Ed25519Signature.INSTANCE;
    /** {@code "XWING"} KEM, the default wire KEM ({@code WireKEMScheme = "xwing"}). */
    public static final KemScheme XWING = XWingKem.INSTANCE;
    /** {@code "MLKEM768"} KEM. */
    public static final KemScheme MLKEM768 = MlKem768Kem.INSTANCE;
    /** {@code "x25519"} as a KEM (hpqc's NIKE adapter; same name as the NIKE). */
    public static final KemScheme X25519_KEM = NikeKem.X25519;
    /** {@code "MLKEM768-X25519"} combiner KEM. */
    public static final KemScheme MLKEM768_X25519 = CombinerKem.MLKEM768_X25519;
    /** {@code "x448"} NIKE. */
    public static final NikeScheme X448 = X448Nike.INSTANCE;
    /** {@code "Ed448"} signatures (RFC 8032, empty context). */
    public static final SignatureScheme ED448 = Ed448Signature.INSTANCE;
    /** {@code "Sphincs+"}: SPHINCS+ round 3.1 shake-256f robust. */
    public static final SignatureScheme SPHINCS_PLUS = SphincsPlusSignature.INSTANCE;
    /** {@code "Ed25519 Sphincs+"} hybrid (note the space): Ed25519 then SPHINCS+, concatenated. */
    public static final SignatureScheme ED25519_SPHINCS_PLUS = HybridSignature.ED25519_SPHINCS;
    /** {@code "Ed448-Sphincs+"} hybrid: Ed448 then SPHINCS+, concatenated. */
    public static final SignatureScheme ED448_SPHINCS_PLUS = HybridSignature.ED448_SPHINCS;

    private static final Map<String, NikeScheme> NIKES = new LinkedHashMap<>();
    private static final Map<String, KemScheme> KEMS = new LinkedHashMap<>();
    private static final Map<String, SignatureScheme> SIGNATURES = new LinkedHashMap<>();

    /**
     * hpqc v0.0.68 names (lower-cased) that exist in Go but have no Java implementation here: the
     * CSIDH/CTIDH family (Pigeonhole's module brings its own CTIDH), and KEMs BouncyCastle 1.87 has no
     * compatible form of (NTRU Prime 4591^761, FrodoKEM-640, Classic McEliece) or that no network uses
     * (the Dilithium composites).
     */
    private static final Set<String> KNOWN_NIKE = Set.of(
            "ctidh511", "ctidh512", "ctidh1024", "ctidh2048",
            "ctidh512-x25519", "ctidh512-x448", "ctidh1024-x25519", "ctidh1024-x448", "ctidh2048-x448",
            "nobs_csidh-x25519");
    private static final Set<String> KNOWN_KEM = Set.of(
            "sntrup4591761", "frodokem-640-shake", "frodokem-640-shake-x448", "sntrup4591761-x448",
            "mceliece348864", "mceliece348864f", "mceliece460896", "mceliece460896f",
            "mceliece6688128", "mceliece6688128f", "mceliece6960119", "mceliece6960119f",
            "mceliece8192128", "mceliece8192128f",
            "mceliece348864-x25519", "mceliece348864f-x25519", "mceliece460896-x25519", "mceliece460896f-x25519",
            "mceliece6688128-x25519", "mceliece6688128f-x25519", "mceliece6960119-x25519", "mceliece6960119f-x25519",
            "mceliece8192128-x25519", "mceliece8192128f-x25519",
            "ctidh511", "ctidh512", "ctidh1024", "ctidh2048", "ctidh512-x25519", "ctidh1024-x448");
    private static final Set<String> KNOWN_SIGNATURE = Set.of("ed25519-dilithium2", "ed448-dilithium3");

    static {
        add(NIKES, X25519.name(), X25519);
        add(SIGNATURES, ED25519.name(), ED25519);
        add(KEMS, XWING.name(), XWING);
        add(KEMS, MLKEM768.name(), MLKEM768);
        add(NIKES, X448.name(), X448);
        add(KEMS, NikeKem.X25519.name(), NikeKem.X25519);
        add(KEMS, NikeKem.X448.name(), NikeKem.X448);
        add(KEMS, CombinerKem.MLKEM768_X25519.name(), CombinerKem.MLKEM768_X25519);
        add(KEMS, CombinerKem.MLKEM768_X448.name(), CombinerKem.MLKEM768_X448);
        add(KEMS, CombinerKem.KYBER768_X25519.name(), CombinerKem.KYBER768_X25519);
        add(SIGNATURES, ED448.name(), ED448);
        add(SIGNATURES, SPHINCS_PLUS.name(), SPHINCS_PLUS);
        add(SIGNATURES, ED25519_SPHINCS_PLUS.name(), ED25519_SPHINCS_PLUS);
        add(SIGNATURES, ED448_SPHINCS_PLUS.name(), ED448_SPHINCS_PLUS);
    }

    private Schemes() {
    }

    private static <T> void add(Map<String, T> m, String name, T s) {
        m.put(name.toLowerCase(Locale.ROOT), s);
    }

    /** The NIKE scheme with this hpqc name (case-insensitive). */
    public static NikeScheme nike(String name) throws CryptoException {
        return lookup(NIKES, KNOWN_NIKE, "NIKE", name);
    }

    /** The KEM scheme with this hpqc name (case-insensitive), e.g. {@code "xwing"}. */
    public static KemScheme kem(String name) throws CryptoException {
        return lookup(KEMS, KNOWN_KEM, "KEM", name);
    }

    /** The signature scheme with this hpqc name (case-insensitive), e.g. {@code "Ed25519 Sphincs+"}. */
    public static SignatureScheme signature(String name) throws CryptoException {
        return lookup(SIGNATURES, KNOWN_SIGNATURE, "signature", name);
    }

    public static List<NikeScheme> allNike() {
        return Collections.unmodifiableList(new ArrayList<>(NIKES.values()));
    }

    public static List<KemScheme> allKem() {
        return Collections.unmodifiableList(new ArrayList<>(KEMS.values()));
    }

    public static List<SignatureScheme> allSignature() {
        return Collections.unmodifiableList(new ArrayList<>(SIGNATURES.values()));
    }

    private static <T> T lookup(Map<String, T> m, Set<String> known, String family, String name) throws CryptoException {
        if (name == null) {
            throw new CryptoException(CryptoException.Kind.UNKNOWN_SCHEME, null, "no " + family + " scheme name given");
        }
        String key = name.toLowerCase(Locale.ROOT);
        T s = m.get(key);
        if (s != null) {
            return s;
        }
        if (known.contains(key)) {
            throw new CryptoException(CryptoException.Kind.UNSUPPORTED, name,
                    family + " scheme \"" + name + "\" exists in hpqc but is not implemented in katzen4j");
        }
        throw new CryptoException(CryptoException.Kind.UNKNOWN_SCHEME, name, "unknown " + family + " scheme \"" + name + "\"");
    }
}
