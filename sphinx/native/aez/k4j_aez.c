/*
 * katzen4j: AEZ v5 (Hoang, Krovetz, Rogaway) for the Sphinx payload SPRP, with AES-NI.
 *
 * Written for katzen4j from the AEZ v5 specification; the same construction and notation as the
 * pure-Java org.katzen4j.sphinx.internal.AezJava, which stays the fallback. Only what Sphinx uses:
 * authenticator length tau = 0, no associated data, a 48-byte key taken directly as I || J || L,
 * a nonce of any length. AEZ-core for messages of 32 bytes or more, AEZ-tiny for 1..31 bytes, the
 * empty message maps to itself.
 *
 * Called through JNI by org.katzen4j.sphinx.internal.AezNative: one call enciphers or deciphers a
 * whole message. The file is compiled with -maes; nothing but the AES round intrinsic and SSE2
 * is used, and k4j_aez_cpu_ok() (cpuid) must say yes before any cipher call.
 *
 * E(j,i)(X) = AES4(X ^ jJ ^ 2^ceil(i/8) I ^ (i mod 8) L), round keys J, I, L, 0 (no whitening);
 * E(-1,i)(X) = AES10(X ^ i L), round keys I, J, L, I, J, L, I, J, L, I. Every AES round is a full
 * round (SubBytes, ShiftRows, MixColumns, AddRoundKey), which is exactly one aesenc.
 */
#include <jni.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cpuid.h>
#include <wmmintrin.h>
#include <emmintrin.h>

#define K4J_AEZ_ABI 2
#define BLK 16

typedef __m128i blk;

typedef struct {
    blk i1, i2;     /* I, 2I */
    blk j1, j2, j4; /* J, 2J, 4J */
    blk l[8];       /* 0L .. 7L */
    blk zero;
} aez_key;

static inline blk ld(const uint8_t *p) { return _mm_loadu_si128((const blk *) p); }
static inline void st(uint8_t *p, blk v) { _mm_storeu_si128((blk *) p, v); }
static inline blk x2(blk a, blk b) { return _mm_xor_si128(a, b); }
static inline blk x3(blk a, blk b, blk c) { return _mm_xor_si128(_mm_xor_si128(a, b), c); }

/* Zeroes secrets; the empty asm with a memory clobber keeps the compiler from dropping the memset. */
static void wipe(void *p, size_t n) {
    memset(p, 0, n);
    __asm__ __volatile__("" : : "r"(p) : "memory");
}

/* Multiplication by x in GF(2^128), the block read as a big-endian number (AEZ's doubling). */
static blk dbl(blk v) {
    uint64_t w[2];
    memcpy(w, &v, sizeof w);
    uint64_t hi = __builtin_bswap64(w[0]);
    uint64_t lo = __builtin_bswap64(w[1]);
    uint64_t carry = hi >> 63;
    hi = (hi << 1) | (lo >> 63);
    lo = (lo << 1) ^ (0x87 & (0 - carry));
    w[0] = __builtin_bswap64(hi);
    w[1] = __builtin_bswap64(lo);
    blk r;
    memcpy(&r, w, sizeof r);
    return r;
}

static void key_setup(aez_key *k, const uint8_t key[48]) {
    k->zero = _mm_setzero_si128();
    k->i1 = ld(key);
    k->j1 = ld(key + 16);
    k->i2 = dbl(k->i1);
    k->j2 = dbl(k->j1);
    k->j4 = dbl(k->j2);
    k->l[0] = k->zero;
    k->l[1] = ld(key + 32);
    k->l[2] = dbl(k->l[1]);
    k->l[3] = x2(k->l[2], k->l[1]);
    k->l[4] = dbl(k->l[2]);
    k->l[5] = x2(k->l[4], k->l[1]);
    k->l[6] = dbl(k->l[3]);
    k->l[7] = x2(k->l[6], k->l[1]);
}

/* AES4 on an already offset block. */
static inline blk aes4(const aez_key *k, blk s) {
    s = _mm_aesenc_si128(s, k->j1);
    s = _mm_aesenc_si128(s, k->i1);
    s = _mm_aesenc_si128(s, k->l[1]);
    return _mm_aesenc_si128(s, k->zero);
}

/* AES10 on an already offset block. */
static inline blk aes10(const aez_key *k, blk s) {
    s = _mm_aesenc_si128(s, k->i1);
    s = _mm_aesenc_si128(s, k->j1);
    s = _mm_aesenc_si128(s, k->l[1]);
    s = _mm_aesenc_si128(s, k->i1);
    s = _mm_aesenc_si128(s, k->j1);
    s = _mm_aesenc_si128(s, k->l[1]);
    s = _mm_aesenc_si128(s, k->i1);
    s = _mm_aesenc_si128(s, k->j1);
    s = _mm_aesenc_si128(s, k->l[1]);
    return _mm_aesenc_si128(s, k->i1);
}

/* The first len (< 16) bytes of p, then 0x80, then zeros. */
static blk pad(const uint8_t *p, size_t len) {
    uint8_t b[BLK];
    memset(b, 0, sizeof b);
    memcpy(b, p, len);
    b[len] = 0x80;
    blk r = ld(b);
    wipe(b, sizeof b);
    return r;
}

/* AEZ-hash of the nonce alone (tau = 0, no AD): the tau block, then the nonce blocks. */
static blk nonce_hash(const aez_key *k, const uint8_t *nonce, size_t n) {
    /* tau block: 32-bit bit length of tau (zero) in the last bytes of a zero block, j = 3, i = 1 */
    blk sum = aes4(k, x3(x2(k->j1, k->j2), k->i2, k->l[1]));
    blk ii = k->i2;
    size_t off = 0;
    unsigned i = 1;
    for (; n - off >= BLK; i++, off += BLK) {
        sum = x2(sum, aes4(k, x2(ld(nonce + off), x3(k->j4, ii, k->l[i % 8]))));
        if (i % 8 == 0) {
            ii = dbl(ii);
        }
    }
    if (n - off > 0 || n == 0) {
        sum = x2(sum, aes4(k, x2(pad(nonce + off, n - off), x3(k->j4, k->i1, k->l[0]))));
    }
    return sum;
}

/*
 * AEZ-core pass 1 over c (1..8) consecutive pairs starting at 0-based pair p, all within one
 * group of eight (so they share ii = 2^ceil(i/8) I): W = M ^ E(1,i)(M'), X = M' ^ E(0,0)(W);
 * the pair becomes (W, X) and X is folded into *x. The c AES4 chains are interleaved.
 */
static inline __attribute__((always_inline)) void pass1(const aez_key *k, blk ii, const uint8_t *in, uint8_t *out,
                                                        size_t p, int c, blk *x) {
    blk a[8], b[8], t[8];
    blk ji = x2(k->j1, ii);
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) {
        a[q] = ld(in + 32 * (p + q));
        b[q] = ld(in + 32 * (p + q) + 16);
        t[q] = x3(b[q], ji, k->l[(p + q + 1) % 8]);
    }
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) t[q] = _mm_aesenc_si128(t[q], k->j1);
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) t[q] = _mm_aesenc_si128(t[q], k->i1);
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) t[q] = _mm_aesenc_si128(t[q], k->l[1]);
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) {
        t[q] = _mm_aesenc_si128(t[q], k->zero);
        a[q] = x2(a[q], t[q]);
        t[q] = x2(a[q], k->i1);
    }
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) t[q] = _mm_aesenc_si128(t[q], k->j1);
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) t[q] = _mm_aesenc_si128(t[q], k->i1);
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) t[q] = _mm_aesenc_si128(t[q], k->l[1]);
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) {
        t[q] = _mm_aesenc_si128(t[q], k->zero);
        b[q] = x2(b[q], t[q]);
        *x = x2(*x, b[q]);
        st(out + 32 * (p + q), a[q]);
        st(out + 32 * (p + q) + 16, b[q]);
    }
}

/*
 * AEZ-core pass 2 over the same pairs (now (W, X) in buf): with T = E(2,i)(S),
 * W' = W ^ T, X' = X ^ T, then W'' = W' ^ E(0,0)(X'), X'' = X' ^ E(1,i)(W''); the pair becomes
 * (X'', W'') and W' is folded into *y.
 */
static inline __attribute__((always_inline)) void pass2(const aez_key *k, blk ii, blk s, uint8_t *buf,
                                                        size_t p, int c, blk *y) {
    blk w[8], v[8], t[8];
    blk ji = x2(k->j1, ii);
    blk s2 = x3(s, k->j2, ii);
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) t[q] = aes4(k, x2(s2, k->l[(p + q + 1) % 8]));
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) {
        w[q] = x2(ld(buf + 32 * (p + q)), t[q]);
        v[q] = x2(ld(buf + 32 * (p + q) + 16), t[q]);
        *y = x2(*y, w[q]);
        t[q] = x2(v[q], k->i1);
    }
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) t[q] = _mm_aesenc_si128(t[q], k->j1);
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) t[q] = _mm_aesenc_si128(t[q], k->i1);
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) t[q] = _mm_aesenc_si128(t[q], k->l[1]);
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) {
        t[q] = _mm_aesenc_si128(t[q], k->zero);
        w[q] = x2(w[q], t[q]);
        t[q] = x3(w[q], ji, k->l[(p + q + 1) % 8]);
    }
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) t[q] = _mm_aesenc_si128(t[q], k->j1);
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) t[q] = _mm_aesenc_si128(t[q], k->i1);
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) t[q] = _mm_aesenc_si128(t[q], k->l[1]);
#pragma GCC unroll 8
    for (int q = 0; q < c; q++) {
        t[q] = _mm_aesenc_si128(t[q], k->zero);
        v[q] = x2(v[q], t[q]);
        st(buf + 32 * (p + q), v[q]);
        st(buf + 32 * (p + q) + 16, w[q]);
    }
}

/*
 * AEZ-core, n >= 32; d = 0 enciphers, d = 1 deciphers. out may be in itself (every byte is read
 * before its position is written); otherwise the two may not overlap.
 */
static void core(const aez_key *k, blk delta, const uint8_t *in, size_t n, int d, uint8_t *out) {
    size_t frag = n % 32;
    size_t pairs_end = n - frag - 32;
    size_t npairs = pairs_end / 32;
    size_t fo = pairs_end;
    size_t lo = n - 32;
    blk x = k->zero, y = k->zero;
    blk ii = k->i2;
    size_t p = 0;
    for (; p + 8 <= npairs; p += 8) {
        pass1(k, ii, in, out, p, 8, &x);
        ii = dbl(ii);
    }
    switch (npairs - p) { /* the last, partial group: each count gets its own unrolled copy */
    case 7: pass1(k, ii, in, out, p, 7, &x); break;
    case 6: pass1(k, ii, in, out, p, 6, &x); break;
    case 5: pass1(k, ii, in, out, p, 5, &x); break;
    case 4: pass1(k, ii, in, out, p, 4, &x); break;
    case 3: pass1(k, ii, in, out, p, 3, &x); break;
    case 2: pass1(k, ii, in, out, p, 2, &x); break;
    case 1: pass1(k, ii, in, out, p, 1, &x); break;
    default: break;
    }
    blk i2l4 = x2(k->i2, k->l[4]);
    blk i2l5 = x2(k->i2, k->l[5]);
    if (frag >= BLK) {
        x = x2(x, aes4(k, x2(ld(in + fo), i2l4)));
        x = x2(x, aes4(k, x2(pad(in + fo + BLK, frag - BLK), i2l5)));
    } else if (frag > 0) {
        x = x2(x, aes4(k, x2(pad(in + fo, frag), i2l4)));
    }
    blk l1d = k->l[(1 + d) % 8];
    blk my = ld(in + lo + BLK);
    blk sx = x3(ld(in + lo), x, delta);
    sx = x2(sx, aes4(k, x3(my, k->i2, l1d)));
    blk sy = x2(my, aes10(k, x2(sx, l1d)));
    blk s = x2(sx, sy);

    ii = k->i2;
    p = 0;
    for (; p + 8 <= npairs; p += 8) {
        pass2(k, ii, s, out, p, 8, &y);
        ii = dbl(ii);
    }
    switch (npairs - p) {
    case 7: pass2(k, ii, s, out, p, 7, &y); break;
    case 6: pass2(k, ii, s, out, p, 6, &y); break;
    case 5: pass2(k, ii, s, out, p, 5, &y); break;
    case 4: pass2(k, ii, s, out, p, 4, &y); break;
    case 3: pass2(k, ii, s, out, p, 3, &y); break;
    case 2: pass2(k, ii, s, out, p, 2, &y); break;
    case 1: pass2(k, ii, s, out, p, 1, &y); break;
    default: break;
    }
    if (frag >= BLK) {
        blk c0 = x2(ld(in + fo), aes10(k, x2(s, k->l[4])));
        st(out + fo, c0);
        y = x2(y, aes4(k, x2(c0, i2l4)));
        size_t rest = frag - BLK;
        uint8_t ks[BLK];
        st(ks, aes10(k, x2(s, k->l[5])));
        for (size_t q = 0; q < rest; q++) {
            out[fo + BLK + q] = (uint8_t) (in[fo + BLK + q] ^ ks[q]);
        }
        wipe(ks, sizeof ks);
        y = x2(y, aes4(k, x2(pad(out + fo + BLK, rest), i2l5)));
    } else if (frag > 0) {
        uint8_t ks[BLK];
        st(ks, aes10(k, x2(s, k->l[4])));
        for (size_t q = 0; q < frag; q++) {
            out[fo + q] = (uint8_t) (in[fo + q] ^ ks[q]);
        }
        wipe(ks, sizeof ks);
        y = x2(y, aes4(k, x2(pad(out + fo, frag), i2l4)));
    }
    blk l2d = k->l[(2 - d) % 8];
    blk cx = x2(sx, aes10(k, x2(sy, l2d)));
    blk cy = x3(aes4(k, x3(cx, k->i2, l2d)), sy, x2(delta, y));
    st(out + lo, cy);
    st(out + lo + BLK, cx);
}

/* The Feistel round input of AEZ-tiny: half, padded, xored with delta, round number in the last byte. */
static blk tiny_input(const uint8_t *half, size_t half_len, size_t n, uint8_t mask, uint8_t pad_byte, blk delta,
                      unsigned j) {
    uint8_t b[BLK];
    memset(b, 0, sizeof b);
    memcpy(b, half, half_len);
    b[n / 2] = (uint8_t) ((b[n / 2] & mask) | pad_byte);
    b[BLK - 1] ^= (uint8_t) j;
    blk r = x2(ld(b), delta);
    wipe(b, sizeof b);
    return r;
}

/* The top bit of E(0,3)(in padded ^ delta), used by AEZ-tiny for messages shorter than 16 bytes. */
static uint8_t tiny_bit(const aez_key *k, const uint8_t *msg, size_t n, blk delta) {
    uint8_t b[BLK];
    memset(b, 0, sizeof b);
    memcpy(b, msg, n);
    b[0] |= 0x80;
    st(b, aes4(k, x3(ld(b), delta, x2(k->i2, k->l[3]))));
    uint8_t bit = (uint8_t) (b[0] & 0x80);
    wipe(b, sizeof b);
    return bit;
}

/* AEZ-tiny, 1 <= n < 32; out may be in itself. */
static void tiny(const aez_key *k, blk delta, const uint8_t *in, size_t n, int d, uint8_t *out) {
    unsigned rounds;
    int kk = 7;
    if (n == 1) {
        rounds = 24;
    } else if (n == 2) {
        rounds = 16;
    } else if (n < 16) {
        rounds = 10;
    } else {
        rounds = 8;
        kk = 6;
    }
    blk off = x2(k->i2, k->l[kk]);
    size_t half = (n + 1) / 2;
    uint8_t left[BLK], right[BLK], buf[2 * BLK];
    memset(left, 0, sizeof left);
    memset(right, 0, sizeof right);
    memcpy(left, in, half);
    memcpy(right, in + n / 2, half);
    uint8_t mask = 0x00, pad_byte = 0x80;
    int odd = (n & 1) != 0;
    if (odd) {
        for (size_t q = 0; q < n / 2; q++) {
            right[q] = (uint8_t) ((right[q] << 4) | (right[q + 1] >> 4));
        }
        right[n / 2] = (uint8_t) (right[n / 2] << 4);
        pad_byte = 0x08;
        mask = 0xf0;
    }
    int step;
    unsigned j;
    if (d != 0) {
        if (n < 16) {
            left[0] ^= tiny_bit(k, in, n, delta);
        }
        j = rounds - 1;
        step = -1;
    } else {
        j = 0;
        step = 1;
    }
    for (unsigned r = 0; r < rounds / 2; r++, j += (unsigned) (2 * step)) {
        st(left, x2(ld(left), aes4(k, x2(tiny_input(right, half, n, mask, pad_byte, delta, j), off))));
        st(right, x2(ld(right), aes4(k, x2(tiny_input(left, half, n, mask, pad_byte, delta, j + (unsigned) step), off))));
    }
    memset(buf, 0, sizeof buf);
    memcpy(buf, right, n / 2);
    memcpy(buf + n / 2, left, half);
    if (odd) {
        for (size_t q = n - 1; q > n / 2; q--) {
            buf[q] = (uint8_t) ((buf[q] >> 4) | (buf[q - 1] << 4));
        }
        buf[n / 2] = (uint8_t) ((left[0] >> 4) | (right[n / 2] & 0xf0));
    }
    memcpy(out, buf, n);
    if (n < 16 && d == 0) {
        out[0] ^= tiny_bit(k, buf, n, delta);
    }
    wipe(left, sizeof left);
    wipe(right, sizeof right);
    wipe(buf, sizeof buf);
}

/* The whole cipher: 0 on success. */
static int aez_cipher(const uint8_t key[48], const uint8_t *nonce, size_t nlen, const uint8_t *in, size_t n, int d,
                      uint8_t *out) {
    aez_key k;
    key_setup(&k, key);
    blk delta = nonce_hash(&k, nonce, nlen);
    if (n >= 32) {
        core(&k, delta, in, n, d, out);
    } else if (n > 0) {
        tiny(&k, delta, in, n, d, out);
    }
    wipe(&k, sizeof k);
    wipe(&delta, sizeof delta);
    return 0;
}

/*
 * Several AEZ layers over one buffer, in place: layer i uses entries[64 i, 64 i + 48) as the key
 * and the next 16 bytes as the nonce, and deciphers when bit i of decrypt_mask is set.
 */
static void aez_layers(const uint8_t *entries, int layers, uint64_t decrypt_mask, uint8_t *buf, size_t n) {
    for (int i = 0; i < layers; i++) {
        const uint8_t *e = entries + 64 * (size_t) i;
        aez_cipher(e, e + 48, 16, buf, n, (int) ((decrypt_mask >> i) & 1), buf);
    }
}

/* 1 when the CPU has the AES instructions (CPUID leaf 1, ECX bit 25) and SSE2. */
static int cpu_ok(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) {
        return 0;
    }
    return (c & (1u << 25)) != 0 && (d & (1u << 26)) != 0;
}

JNIEXPORT jint JNICALL Java_org_katzen4j_sphinx_internal_AezNative_abi(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return K4J_AEZ_ABI;
}

JNIEXPORT jboolean JNICALL Java_org_katzen4j_sphinx_internal_AezNative_cpuSupported(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return cpu_ok() ? JNI_TRUE : JNI_FALSE;
}

/*
 * cipher(key[48], nonce, in, inOff, out, outOff, len, decrypt): the Java side has checked every
 * length and range and that in and out are distinct arrays. Returns 0, or a negative value when
 * the JVM could not give access to an array (the Java side then falls back).
 */
JNIEXPORT jint JNICALL Java_org_katzen4j_sphinx_internal_AezNative_cipher(JNIEnv *env, jclass cls, jbyteArray key,
                                                                          jbyteArray nonce, jbyteArray in, jint in_off,
                                                                          jbyteArray out, jint out_off, jint len,
                                                                          jboolean decrypt) {
    (void) cls;
    uint8_t kb[48];
    uint8_t nb_small[64];
    uint8_t *nb = nb_small;
    jsize nlen = (*env)->GetArrayLength(env, nonce);
    if ((*env)->GetArrayLength(env, key) != 48 || nlen < 0) {
        return -1;
    }
    if ((size_t) nlen > sizeof nb_small) {
        nb = (uint8_t *) malloc((size_t) nlen);
        if (nb == NULL) {
            return -2;
        }
    }
    (*env)->GetByteArrayRegion(env, key, 0, 48, (jbyte *) kb);
    (*env)->GetByteArrayRegion(env, nonce, 0, nlen, (jbyte *) nb);
    int rc = 0;
    if (len > 0) {
        uint8_t *pi = (uint8_t *) (*env)->GetPrimitiveArrayCritical(env, in, NULL);
        if (pi == NULL) {
            rc = -3;
        } else {
            uint8_t *po = (uint8_t *) (*env)->GetPrimitiveArrayCritical(env, out, NULL);
            if (po == NULL) {
                rc = -3;
            } else {
                rc = aez_cipher(kb, nb, (size_t) nlen, pi + in_off, (size_t) len, decrypt ? 1 : 0, po + out_off);
                (*env)->ReleasePrimitiveArrayCritical(env, out, po, 0);
            }
            (*env)->ReleasePrimitiveArrayCritical(env, in, pi, JNI_ABORT);
        }
    }
    wipe(kb, sizeof kb);
    wipe(nb, (size_t) nlen);
    if (nb != nb_small) {
        free(nb);
    }
    return rc;
}

/*
 * layers(entries, count, decryptMask, buf, off, len): aez_layers over buf[off, off + len) in place;
 * entries holds count 64-byte key-and-nonce entries (checked by the Java side, count <= 64).
 * Returns 0, or a negative value when the JVM could not give access to an array.
 */
JNIEXPORT jint JNICALL Java_org_katzen4j_sphinx_internal_AezNative_layers(JNIEnv *env, jclass cls, jbyteArray entries,
                                                                          jint count, jlong decrypt_mask,
                                                                          jbyteArray buf, jint off, jint len) {
    (void) cls;
    if (count < 0 || count > 64 || (*env)->GetArrayLength(env, entries) < 64 * count) {
        return -1;
    }
    if (len <= 0 || count == 0) {
        return 0;
    }
    int rc = 0;
    uint8_t *pe = (uint8_t *) (*env)->GetPrimitiveArrayCritical(env, entries, NULL);
    if (pe == NULL) {
        return -3;
    }
    uint8_t *pb = (uint8_t *) (*env)->GetPrimitiveArrayCritical(env, buf, NULL);
    if (pb == NULL) {
        rc = -3;
    } else {
        aez_layers(pe, count, (uint64_t) decrypt_mask, pb + off, (size_t) len);
        (*env)->ReleasePrimitiveArrayCritical(env, buf, pb, 0);
    }
    (*env)->ReleasePrimitiveArrayCritical(env, entries, pe, JNI_ABORT);
    return rc;
}
