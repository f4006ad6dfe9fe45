package io.budgetmonitor.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The name a client says it acts for (代办人), from {@code X-Recorded-By}: kept next to the
 * authenticated principal as the client's claim, never instead of it.
 *
 * <p>HTTP headers are bytes; servlet containers hand them over as ISO-8859-1, which turned
 * 财务室 into mojibake. Accepted forms: RFC 8187 {@code X-Recorded-By*: UTF-8''%E8%B4%A2…}, a
 * percent-encoded UTF-8 value, or raw UTF-8 bytes.
 */
public final class OnBehalfOf {

    public static final String HEADER = "X-Recorded-By";
    public static final String EXTENDED_HEADER = HEADER + "*";
    public static final int MAX_LENGTH = 100;

    private OnBehalfOf() {}

    /**
     * The decoded claim, empty when the client sent none.
     *
     * @throws IllegalArgumentException when the value is not UTF-8, too long or holds control characters
     */
    public static Optional<String> fromHeaders(String plain, String extended) {
        String decoded;
        if (extended != null && !extended.isBlank()) {
            decoded = fromExtended(extended.strip());
        } else if (plain != null && !plain.isBlank()) {
            decoded = fromPlain(plain.strip());
        } else {
            return Optional.empty();
        }
        decoded = decoded.strip();
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        if (decoded.codePointCount(0, decoded.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException(HEADER + " is longer than " + MAX_LENGTH + " characters");
        }
        if (decoded.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(HEADER + " holds control characters");
        }
        return Optional.of(decoded);
    }

    private static String fromExtended(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException(EXTENDED_HEADER + " must be charset'language'value (RFC 8187)");
        }
        String charset = value.substring(0, first).toUpperCase(Locale.ROOT);
        if (!charset.equals("UTF-8")) {
            throw new IllegalArgumentException(EXTENDED_HEADER + " must be UTF-8");
        }
        return utf8(percentDecoded(value.substring(second + 1)));
    }

    private static String fromPlain(String value) {
        if (value.indexOf('%') >= 0) {
            return utf8(percentDecoded(value));
        }
        return HeaderEncoding.asUtf8(value).orElseThrow(() -> new IllegalArgumentException(HEADER + " is not UTF-8"));
    }

    private static byte[] percentDecoded(String value) {
        ByteBuffer bytes = ByteBuffer.allocate(value.length() * 4);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException(HEADER + " has a broken percent-encoding");
                }
                int high = Character.digit(value.charAt(i + 1), 16);
                int low = Character.digit(value.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException(HEADER + " has a broken percent-encoding");
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] out = new byte[bytes.position()];
        bytes.flip().get(out);
        return out;
    }

    private static String utf8(byte[] bytes) {
        return HeaderEncoding.utf8(bytes).orElseThrow(() -> new IllegalArgumentException(HEADER + " is not UTF-8"));
    }
}
