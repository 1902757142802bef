package org.katzen4j.thinclient.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.katzen4j.codec.DecodeException;
import org.katzen4j.thinclient.protocol.FrameDecoder;
import org.katzen4j.thinclient.protocol.Frames;
import org.katzen4j.thinclient.protocol.ThinRequest;
import org.katzen4j.thinclient.protocol.ThinResponse;

/**
 * Fuzzes what an app or the daemon can send over the thin-client socket: the length-prefixed framing and the
 * CBOR request and response bodies. Only {@link DecodeException} may come out. A decoded request or response is
 * re-encoded; the re-encoding must decode again and re-encode to the same bytes (encode is a fixed point).
 *
 * <p>Without {@code JAZZER_FUZZ} the committed inputs under
 * {@code src/test/resources/org/katzen4j/thinclient/fuzz/ThinProtocolFuzzTestInputs/} are replayed.
 */
class ThinProtocolFuzzTest {

    private static final int MAX_FRAME = 64 * 1024;

    /**
     * A byte stream fed in random-sized pieces must give the same frames as the stream fed at once, and as the
     * blocking {@link Frames#read} gives.
     */
    @FuzzTest(maxDuration = "30s")
    void frames(FuzzedDataProvider data) {
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, 64);
        }
        byte[] stream = data.consumeRemainingAsBytes();

        List<byte[]> whole = new ArrayList<>();
        DecodeException wholeError = drain(stream, new int[0], whole);
        List<byte[]> pieces = new ArrayList<>();
        DecodeException piecesError = drain(stream, cuts, pieces);

        assertThat(pieces).hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) {
            assertThat(pieces.get(i)).isEqualTo(whole.get(i));
        }
        assertThat(piecesError == null).isEqualTo(wholeError == null);

        // The blocking reader the Java thin client uses must see the same frames.
        List<byte[]> blocking = new ArrayList<>();
        ByteArrayInputStream in = new ByteArrayInputStream(stream);
        try {
            for (byte[] f = Frames.read(in, MAX_FRAME); f != null; f = Frames.read(in, MAX_FRAME)) {
                blocking.add(f);
            }
        } catch (IOException | DecodeException endsBadly) {
            // truncated frame at the end of the stream, or an oversized length prefix
        }
        assertThat(blocking).hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) {
            assertThat(blocking.get(i)).isEqualTo(whole.get(i));
        }
        for (byte[] body : whole) {
            request(body);
            response(body);
        }
    }

    private static DecodeException drain(byte[] stream, int[] cuts, List<byte[]> out) {
        FrameDecoder d = new FrameDecoder(MAX_FRAME);
        int off = 0;
        int c = 0;
        try {
            while (off < stream.length) {
                int len = c < cuts.length ? Math.min(cuts[c++], stream.length - off) : stream.length - off;
                d.feed(stream, off, len);
                off += len;
                for (Optional<byte[]> f = d.next(); f.isPresent(); f = d.next()) {
                    out.add(f.get());
                }
            }
            return null;
        } catch (DecodeException e) {
            return e;
        }
    }

    /** A request body, decoded with the default (reference-like) and the strict options. */
    @FuzzTest(maxDuration = "30s")
    void request(byte[] body) {
        for (ThinRequest.DecodeOptions options : List.of(ThinRequest.DecodeOptions.DEFAULT,
                ThinRequest.DecodeOptions.STRICT)) {
            ThinRequest r;
            try {
                r = ThinRequest.decode(body, options);
            } catch (DecodeException expected) {
                continue;
            }
            byte[] full = r.encode();
            assertThat(reencodeRequest(full)).isEqualTo(full);
            byte[] sparse = r.encodeSparse();
            assertThat(reencodeRequest(sparse)).isEqualTo(full);
        }
    }

    /** A response or event body as the daemon sends it. */
    @FuzzTest(maxDuration = "30s")
    void response(byte[] body) {
        Optional<ThinResponse> r;
        try {
            r = ThinResponse.decode(body);
        } catch (DecodeException expected) {
            return;
        }
        if (r.isEmpty()) {
            return;
        }
        byte[] full = r.get().encode();
        try {
            Optional<ThinResponse> again = ThinResponse.decode(full);
            assertThat(again).isPresent();
            assertThat(again.get().encode()).isEqualTo(full);
        } catch (DecodeException e) {
            throw new AssertionError("re-encoded response does not decode: " + e.getMessage(), e);
        }
    }

    private static byte[] reencodeRequest(byte[] encoded) {
        try {
            return ThinRequest.decode(encoded, ThinRequest.DecodeOptions.STRICT).encode();
        } catch (DecodeException e) {
            throw new AssertionError("re-encoded request does not decode: " + e.getMessage(), e);
        }
    }
}
