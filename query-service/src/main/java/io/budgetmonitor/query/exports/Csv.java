package io.budgetmonitor.query.exports;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A CSV document as RFC 4180 writes it: CRLF line ends, a field quoted when it holds a comma, a
 * quote or a line break, quotes doubled inside. Text fields are guarded against formula injection
 * (CSV injection): one that starts with {@code = + - @}, a tab or a carriage return would be run as a
 * formula by Excel, so it gets a leading {@code '}. Numbers are written as plain decimals and never
 * guarded, so a negative amount stays a number.
 */
final class Csv {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final StringBuilder text = new StringBuilder();

    /** One record; null is an empty field, a BigDecimal or Integer a number, anything else text. */
    Csv row(List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(field(fields.get(i)));
        }
        text.append("\r\n");
        return this;
    }

    /**
     * UTF-8, with a byte-order mark when Excel is to open it: without one, Excel reads a CSV in the
     * system's ANSI code page and 石井街道 turns to mojibake.
     */
    byte[] bytes(boolean byteOrderMark) {
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        if (!byteOrderMark) {
            return body;
        }
        byte[] out = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(body, 0, out, BOM.length, body.length);
        return out;
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        return quoted(guarded(value.toString()));
    }

    /** The formula-injection guard (OWASP "CSV Injection"). */
    static String guarded(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    private static String quoted(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
