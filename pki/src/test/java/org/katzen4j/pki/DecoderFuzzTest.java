package org.katzen4j.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Random, truncated and bit-flipped bytes into every PKI decoder: the only failure allowed is a
 * {@link PkiException} (any other throwable fails the test).
 */
class DecoderFuzzTest {
    interface Decoder {
        Object decode(byte[] b) throws PkiException;
    }

    static final JsonNode V = DocumentVectorTest.V;
    static final AuthoritySet AUTH;

    static {
        try {
            AUTH = Vectors.authorities(V);
        } catch (PkiException e) {
            throw new IllegalStateException(e);
        }
    }

    static final List<Decoder> DECODERS = List.of(
            Certificate::decode,
            UnverifiedDocument::parse,
            DocumentBody::decode,
            MixDescriptor::decode,
            ReplicaDescriptor::decode,
            b -> UnverifiedDocument.parse(b).verify(AUTH, Vectors.clockAt(DocumentVectorTest.TIME, 3_000_000L), 3_000_000L));

    static int accepted;

    static void feed(byte[] b) {
        for (Decoder d : DECODERS) {
            try {
                d.decode(b);
                accepted++;
            } catch (PkiException e) {
                assertThat(e.kind()).isNotNull();
                assertThat(e.getMessage()).isNotBlank();
            } catch (Throwable t) {
                fail("untyped " + t + " for input " + Vectors.hex(Arrays.copyOf(b, Math.min(64, b.length))), t);
            }
        }
    }

    static byte[][] seeds() {
        JsonNode docs = V.get("documents");
        JsonNode small = docs.get(2);
        return new byte[][] {
            Vectors.hex(small.get("certificate")),
            Vectors.hex(small.get("certified")),
            Vectors.hex(small.get("defaultEncoding")),
            Vectors.hex(small.get("descriptors").get(0).get("bytes")),
            Vectors.hex(docs.get(0).get("replicas").get(0).get("bytes")),
            Vectors.hex(docs.get(1).get("certified")),
        };
    }

    @Test
    void randomBytes() {
        Random r = new Random(1);
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[r.nextInt(200)];
            r.nextBytes(b);
            feed(b);
        }
        feed(new byte[0]);
    }

    @Test
    void everyTruncationOfEverySeed() {
        for (byte[] seed : seeds()) {
            int step = Math.max(1, seed.length / 400);
            for (int n = 0; n < seed.length; n += step) {
                feed(Arrays.copyOf(seed, n));
            }
        }
    }

    @Test
    void bitFlipsAndByteRewrites() {
        Random r = new Random(2);
        for (byte[] seed : seeds()) {
            for (int i = 0; i < 400; i++) {
                byte[] b = seed.clone();
                int edits = 1 + r.nextInt(3);
                for (int k = 0; k < edits; k++) {
                    int pos = r.nextInt(b.length);
                    if (r.nextBoolean()) {
                        b[pos] ^= (byte) (1 << r.nextInt(8));
                    } else {
                        b[pos] = (byte) r.nextInt(256);
                    }
                }
                feed(b);
            }
        }
    }

    @Test
    void hostileCborShapes() {
        String[] hex = {
            "a0", "f6", "80", "40", "60", "c0a0", "bf", "bfff", "9f", "5f", "7f", "a1f6f6",
            // certificate with Signatures of the wrong shapes
            "a16a5369676e617475726573a0", "a16a5369676e617475726573a14100a0",
            "a16a5369676e617475726573a1582000000000000000000000000000000000000000000000000000000000000000f6",
            // Version out of uint32 range, Expiration negative
            "a16756657273696f6e1b0000000100000000", "a16a45787069726174696f6e20",
            // a document with Topology [[null]], [[1]], [h'00']
            "a168546f706f6c6f677981" + "81f6", "a168546f706f6c6f677981" + "8101", "a168546f706f6c6f67798141" + "00",
            // document with LoadWeight 256 in a map-form descriptor
            "a16c476174657761794e6f64657381a16a4c6f61645765696768741901" + "00",
            // deep nesting
            "8181818181818181818181818181818181818181818181818181818181818181818181818180",
            // huge declared lengths
            "5bffffffffffffffff", "9bffffffffffffffff", "bbffffffffffffffff", "7a7fffffff",
        };
        for (String h : hex) {
            feed(java.util.HexFormat.of().parseHex(h));
        }
    }

    @Test
    void somethingIsAcceptedSoTheHarnessIsLive() {
        accepted = 0;
        for (byte[] seed : seeds()) {
            feed(seed);
        }
        assertThat(accepted).isGreaterThan(0);
    }
}
