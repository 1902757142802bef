package org.katzen4j.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.katzen4j.wire.noise.NoiseKem;

import tools.jackson.databind.JsonNode;

/**
 * Replays the KEM results of an oracle transcript: the randomness-dependent outputs (our ephemeral
 * key, our encapsulations) come from the reference run, and every input the Java state machine
 * feeds in (recipient keys, ciphertexts to decapsulate) is checked against it. Everything else —
 * hashing, key derivation, encryption, message layout — is the Java code under test.
 */
final class ScriptedKem implements NoiseKem {
    record Encap(String by, byte[] recipient, byte[] ciphertext, byte[] shared) {}

    final String role;
    final List<Encap> encaps = new ArrayList<>();
    final byte[] ephemeralPublic;
    int nextEncap;

    ScriptedKem(JsonNode t, String role) {
        this.role = role;
        for (JsonNode e : t.get("encapsulations")) {
            encaps.add(new Encap(e.get("by").asString(), Vectors.hex(e.get("recipientPublicKey")),
                    Vectors.hex(e.get("ciphertext")), Vectors.hex(e.get("sharedSecret"))));
        }
        ephemeralPublic = Vectors.hex(t.get("initiatorEphemeralPublicKey"));
    }

    @Override
    public String name() {
        return "XWING";
    }

    @Override
    public int publicKeySize() {
        return 1216;
    }

    @Override
    public int ciphertextSize() {
        return 1120;
    }

    @Override
    public LocalKey generate() {
        if (!role.equals("initiator")) {
            throw new AssertionError("only the initiator generates an ephemeral key in pqXX");
        }
        return local(ephemeralPublic);
    }

    LocalKey local(byte[] pub) {
        return new LocalKey() {
            @Override
            public byte[] publicKey() {
                return pub.clone();
            }

            @Override
            public byte[] decapsulate(byte[] ct) throws KemFailure {
                for (Encap e : encaps) {
                    if (Arrays.equals(e.recipient(), pub) && Arrays.equals(e.ciphertext(), ct)) {
                        return e.shared().clone();
                    }
                }
                throw new KemFailure("ciphertext not in the transcript", null);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public Encapsulation encapsulate(byte[] peerPublicKey) {
        while (nextEncap < encaps.size() && !encaps.get(nextEncap).by().equals(role)) {
            nextEncap++;
        }
        if (nextEncap >= encaps.size()) {
            throw new AssertionError("more encapsulations than the transcript has");
        }
        Encap e = encaps.get(nextEncap++);
        if (!Arrays.equals(e.recipient(), peerPublicKey)) {
            throw new AssertionError("encapsulating to a different key than the reference did");
        }
        return new Encapsulation(e.ciphertext().clone(), e.shared().clone());
    }
}
