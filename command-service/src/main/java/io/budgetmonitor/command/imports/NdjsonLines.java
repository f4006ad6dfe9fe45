package io.budgetmonitor.command.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of an NDJSON body, read from the byte stream as it arrives. A line is at most
 * {@code maxLineBytes} bytes: a longer one is skipped to its end without being kept (reported as
 * {@link TooLong}), so no line, however long, costs more memory than the limit. Each line is decoded
 * strictly as UTF-8; one that is not is reported ({@link NotUtf8}) rather than silently patched with
 * replacement characters. {@code \n} ends a line (a byte that is never part of a multi-byte UTF-8
 * character); a {@code \r} before it is dropped.
 */
final class NdjsonLines {

    /** One line of the body, numbered from 1. */
    sealed interface Line permits Text, TooLong, NotUtf8 {
        long number();
    }

    record Text(long number, String text) implements Line {}

    record TooLong(long number, long bytes) implements Line {}

    record NotUtf8(long number) implements Line {}

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final byte[] line;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private int limit;
    private long number;
    private boolean ended;

    NdjsonLines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.line = new byte[maxLineBytes];
    }

    /** The next line, or null at the end of the body. */
    Line next() throws IOException {
        if (ended) {
            return null;
        }
        int length = 0;
        long bytes = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    ended = true;
                    if (bytes == 0) {
                        return null;
                    }
                    return finish(length, bytes);
                }
            }
            // scan the buffered bytes for the end of the line
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int chunk = end - start;
            if (length + (long) chunk <= line.length) {
                System.arraycopy(buffer, start, line, length, chunk);
                length += chunk;
            } else {
                length = line.length + 1; // marks the line as too long; its bytes are not kept
            }
            bytes += chunk;
            if (end < limit) {
                position = end + 1;
                return finish(length, bytes);
            }
            position = limit;
        }
    }

    private Line finish(int length, long bytes) {
        number++;
        if (length > line.length) {
            return new TooLong(number, bytes);
        }
        int content = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        try {
            return new Text(
                    number,
                    utf8.reset().decode(ByteBuffer.wrap(line, 0, content)).toString());
        } catch (CharacterCodingException e) {
            return new NotUtf8(number);
        }
    }
}
