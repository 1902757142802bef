package org.katzen4j.daemon.listener;

import java.util.List;
import java.util.Map;

import org.katzen4j.codec.cbor.CborValue;
import org.katzen4j.pki.DocumentBody;
import org.katzen4j.pki.MixDescriptor;

/** A small PKI document body with echo and courier services, built with the pki module. */
final class TestDocs {
    private TestDocs() {
    }

    static MixDescriptor service(String name, int seed, String... caps) {
        byte[] id = new byte[32];
        java.util.Arrays.fill(id, (byte) seed);
        java.util.Map<String, Map<String, CborValue>> k = new java.util.LinkedHashMap<>();
        for (String c : caps) {
            k.put(c, Map.of("endpoint", new CborValue.Text("+" + c)));
        }
        return MixDescriptor.builder().name(name).epoch(100).identityKey(id).linkKey(new byte[32])
                .addresses(Map.of("tcp", List.of("tcp://127.0.0.1:1"))).kaetzchen(k).serviceNode(true).build();
    }

    static DocumentBody body() {
        return new DocumentBody(100, 1, 0, 0.001, 100, 0.002, 200, 0.0005, 300, 0, 0, 0, 0, 0, 0, List.of(),
                List.of(), List.of(service("svc1", 1, "echo", "courier"), service("svc2", 2, "echo")), null, null,
                null, new byte[32], null, new byte[32], "v0", "Ed25519");
    }
}
