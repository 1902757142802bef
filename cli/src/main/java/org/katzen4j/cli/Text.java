package org.katzen4j.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** How payloads are shown to a person. */
final class Text {
    private Text() {
    }

    /** UTF-8 text without trailing zero padding if it decodes and has no control characters other than whitespace; otherwise hex. */
    static String show(byte[] b) {
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, 0, end)).toString();
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t') {
                    return "hex:" + HexFormat.of().formatHex(b);
                }
            }
            return s;
        } catch (CharacterCodingException e) {
            return "hex:" + HexFormat.of().formatHex(b);
        }
    }

    /** First bytes of an id as hex, for compact listings. */
    static String shortHex(byte[] b) {
        if (b == null) {
            return "-";
        }
        return HexFormat.of().formatHex(b, 0, Math.min(8, b.length));
    }
}
