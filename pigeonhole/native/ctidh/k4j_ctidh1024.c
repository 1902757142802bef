/*
 * katzen4j JNI bridge to the CTIDH-1024 group action of the public-domain
 * highctidh library. Compiled together with highctidh's ctidh1024 sources
 * (fetched at build time, never stored in this repository) by build-ctidh.sh.
 *
 * Keys cross the boundary as raw bytes in the layout the Go reference uses:
 * private key = primes_num signed exponents, public key = the limbs of the
 * Montgomery coefficient A in host (little-endian) order.
 */
#include <jni.h>
#include <stdint.h>
#include <string.h>

#include "csidh.h"

/* Randomness source for key generation: a java.security.SecureRandom. */
struct k4j_rng {
    JNIEnv *env;
    jobject rng;
    jmethodID next_bytes;
    int failed;
};

/*
 * highctidh's cgo binding header declares this hook for its Go callers; we
 * provide it so the library links, and route it to the Java generator.
 */
void highctidh_1024_go_fillrandom(void *context, void *out, size_t n)
{
    struct k4j_rng *r = (struct k4j_rng *) context;
    JNIEnv *env = r->env;
    memset(out, 0, n);
    if (r->failed) {
        return;
    }
    jbyteArray buf = (*env)->NewByteArray(env, (jsize) n);
    if (buf == NULL) {
        r->failed = 1;
        return;
    }
    (*env)->CallVoidMethod(env, r->rng, r->next_bytes, buf);
    if ((*env)->ExceptionCheck(env)) {
        r->failed = 1;
    } else {
        (*env)->GetByteArrayRegion(env, buf, 0, (jsize) n, (jbyte *) out);
    }
    (*env)->DeleteLocalRef(env, buf);
}

static void k4j_fill(void *const out, const size_t n, const uintptr_t context)
{
    highctidh_1024_go_fillrandom((void *) context, out, n);
}

static int k4j_little_endian(void)
{
    const uint16_t one = 1;
    return *(const uint8_t *) &one == 1;
}

JNIEXPORT jint JNICALL Java_org_katzen4j_pigeonhole_ctidh_Ctidh1024Native_publicKeySize(JNIEnv *env, jclass cls)
{
    (void) env; (void) cls;
    return k4j_little_endian() ? (jint) sizeof(public_key) : -1;
}

JNIEXPORT jint JNICALL Java_org_katzen4j_pigeonhole_ctidh_Ctidh1024Native_privateKeySize(JNIEnv *env, jclass cls)
{
    (void) env; (void) cls;
    return (jint) sizeof(private_key);
}

JNIEXPORT jboolean JNICALL Java_org_katzen4j_pigeonhole_ctidh_Ctidh1024Native_generatePrivateKey(
    JNIEnv *env, jclass cls, jobject rng, jbyteArray out)
{
    (void) cls;
    if ((*env)->GetArrayLength(env, out) != (jsize) sizeof(private_key)) {
        return JNI_FALSE;
    }
    jclass rc = (*env)->GetObjectClass(env, rng);
    jmethodID m = (*env)->GetMethodID(env, rc, "nextBytes", "([B)V");
    if (m == NULL) {
        return JNI_FALSE;
    }
    struct k4j_rng r = { env, rng, m, 0 };
    private_key priv;
    csidh_private_withrng(&priv, (uintptr_t) &r, k4j_fill);
    if (r.failed) {
        memset(&priv, 0, sizeof(priv));
        return JNI_FALSE;
    }
    (*env)->SetByteArrayRegion(env, out, 0, (jsize) sizeof(priv), (const jbyte *) &priv);
    memset(&priv, 0, sizeof(priv));
    return JNI_TRUE;
}

JNIEXPORT jboolean JNICALL Java_org_katzen4j_pigeonhole_ctidh_Ctidh1024Native_groupAction(
    JNIEnv *env, jclass cls, jbyteArray privBytes, jbyteArray pubBytes, jbyteArray out)
{
    (void) cls;
    if ((*env)->GetArrayLength(env, privBytes) != (jsize) sizeof(private_key)
        || (*env)->GetArrayLength(env, pubBytes) != (jsize) sizeof(public_key)
        || (*env)->GetArrayLength(env, out) != (jsize) sizeof(public_key)) {
        return JNI_FALSE;
    }
    private_key priv;
    public_key in, result;
    (*env)->GetByteArrayRegion(env, privBytes, 0, (jsize) sizeof(priv), (jbyte *) &priv);
    (*env)->GetByteArrayRegion(env, pubBytes, 0, (jsize) sizeof(in), (jbyte *) &in);
    bool ok = csidh(&result, &in, &priv);
    memset(&priv, 0, sizeof(priv));
    if (ok) {
        (*env)->SetByteArrayRegion(env, out, 0, (jsize) sizeof(result), (const jbyte *) &result);
    }
    memset(&result, 0, sizeof(result));
    return ok ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jboolean JNICALL Java_org_katzen4j_pigeonhole_ctidh_Ctidh1024Native_validate(
    JNIEnv *env, jclass cls, jbyteArray pubBytes)
{
    (void) cls;
    if ((*env)->GetArrayLength(env, pubBytes) != (jsize) sizeof(public_key)) {
        return JNI_FALSE;
    }
    public_key in;
    (*env)->GetByteArrayRegion(env, pubBytes, 0, (jsize) sizeof(in), (jbyte *) &in);
    return validate(&in) ? JNI_TRUE : JNI_FALSE;
}
