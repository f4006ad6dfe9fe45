package io.budgetmonitor.command.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.command.imports.ImportReport.RejectedLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonLinesTest {

    @Test
    void splitsOnNewlinesDropsCarriageReturnsAndKeepsALastLineWithoutNewline() throws IOException {
        assertThat(read("a\r\nbé\n\nc", 16)).containsExactly("1:a", "2:bé", "3:", "4:c");
        assertThat(read("a\n", 16)).containsExactly("1:a");
        assertThat(read("", 16)).isEmpty();
    }

    @Test
    void aLineOverTheLimitIsReportedWithoutBeingKeptAndTheNextLineIsRead() throws IOException {
        assertThat(read("12345678\n123456789\nok", 8)).containsExactly("1:12345678", "2:too long (9 bytes)", "3:ok");
    }

    @Test
    void aLineLongerThanTheReadBufferIsSkippedWhole() throws IOException {
        String huge = "x".repeat(300_000);
        assertThat(read("a\n" + huge + "\nb", 1024)).containsExactly("1:a", "2:too long (300000 bytes)", "3:b");
    }

    @Test
    void aLineThatIsNotUtf8IsReportedNotPatched() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {'{', (byte) 0xC3, '}', '\n'});
        body.writeBytes("ok".getBytes(StandardCharsets.UTF_8));
        assertThat(read(new ByteArrayInputStream(body.toByteArray()), 16)).containsExactly("1:not UTF-8", "2:ok");
    }

    @Test
    void rejectionsKeepTheFirstLinesAndCountAll() {
        RejectedLines rejected = new RejectedLines(3);
        for (long line : new long[] {9, 2, 7, 4, 1, 8}) {
            rejected.add(new RejectedLine(line, 400, "t", "d"));
        }
        assertThat(rejected.count()).isEqualTo(6);
        assertThat(rejected.inLineOrder()).extracting(RejectedLine::line).containsExactly(1L, 2L, 4L);
        assertThat(new RejectedLine(1, 400, "t", "d".repeat(10_000)).detail()).hasSize(RejectedLine.MAX_DETAIL + 1);
    }

    private static List<String> read(String body, int limit) throws IOException {
        return read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), limit);
    }

    private static List<String> read(InputStream body, int limit) throws IOException {
        NdjsonLines lines = new NdjsonLines(body, limit);
        List<String> read = new ArrayList<>();
        for (NdjsonLines.Line line = lines.next(); line != null; line = lines.next()) {
            read.add(line.number() + ":" + describe(line));
        }
        return read;
    }

    private static String describe(NdjsonLines.Line line) {
        if (line instanceof NdjsonLines.Text text) {
            return text.text();
        }
        if (line instanceof NdjsonLines.TooLong tooLong) {
            return "too long (" + tooLong.bytes() + " bytes)";
        }
        return "not UTF-8";
    }
}
