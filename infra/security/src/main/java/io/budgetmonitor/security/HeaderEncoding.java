package io.budgetmonitor.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How a header value reaches the application (请求头编码): HTTP headers are bytes and servlet
 * containers hand them over as ISO-8859-1, so a client that sent {@code 财务室} in UTF-8 arrives as
 * mojibake. One rule for every header the services keep: read the value's bytes as UTF-8 when they
 * are valid UTF-8. What to do when they are not is the caller's policy (keep as sent, or refuse).
 */
public final class HeaderEncoding {

    private HeaderEncoding() {}

    /**
     * {@code value} read as UTF-8: unchanged when it is ASCII or already holds characters above
     * U+00FF (a container that decodes headers as UTF-8); empty when its bytes are not UTF-8.
     */
    public static Optional<String> asUtf8(String value) {
        if (value.chars().allMatch(c -> c < 0x80) || value.chars().anyMatch(c -> c > 0xFF)) {
            return Optional.of(value);
        }
        return utf8(value.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** {@code bytes} as UTF-8 text, empty when they are not valid UTF-8. */
    public static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }
}
