package io.budgetmonitor.bench;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The NDJSON lines (API.md §1) the harness sends, and the same payments as CSV rows for its COPY
 * baseline. Every department-year it makes is in {@link #YEAR}, a year that is never closed.
 */
final class Ledger {
    static final int YEAR = 2025;

    private Ledger() {}

    /** A department-year with {@code lines} lines GP-0001 … of {@code amount} yuan each. */
    static byte[] openYear(String department, int lines, String amount) {
        StringBuilder out = new StringBuilder();
        out.append("{\"type\":\"OpenFiscalYear\",\"department\":\"")
                .append(department)
                .append("\",\"fiscalYear\":")
                .append(YEAR)
                .append(",\"departmentName\":\"基准测试部门\",\"occurredOn\":\"")
                .append(YEAR)
                .append("-01-01\"}\n");
        for (int i = 1; i <= lines; i++) {
            out.append("{\"type\":\"AllocateBudget\",\"department\":\"")
                    .append(department)
                    .append("\",\"fiscalYear\":")
                    .append(YEAR)
                    .append(",\"line\":\"")
                    .append(line(i))
                    .append(
                            "\",\"name\":\"项目支出\",\"fundSource\":\"GENERAL_PUBLIC_BUDGET\",\"expenditureType\":\"PROJECT\","
                                    + "\"threePublic\":\"NONE\",\"appropriation\":true,\"amount\":\"")
                    .append(amount)
                    .append("\",\"occurredOn\":\"")
                    .append(YEAR)
                    .append("-01-01\"}\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String line(int i) {
        return String.format("GP-%04d", i);
    }

    /** The {@code i}-th of a department-year's generated payments (1-based), spread over its lines and the year. */
    record Payment(String department, String line, String voucher, String amount, LocalDate paidOn) {
        static Payment of(String department, int lines, int i, int count) {
            return new Payment(
                    department,
                    Ledger.line(1 + (i - 1) % lines),
                    "B-" + i,
                    (500 + i % 700) + ".00",
                    LocalDate.of(YEAR, 1, 2).plusDays((long) (i - 1) * 360 / Math.max(1, count)));
        }

        String ndjson() {
            return "{\"type\":\"RecordDisbursement\",\"department\":\"" + department + "\",\"fiscalYear\":" + YEAR
                    + ",\"line\":\"" + line + "\",\"voucher\":\"" + voucher + "\",\"amount\":\"" + amount
                    + "\",\"payee\":\"某服务公司\",\"purpose\":\"日常项目支出\",\"procurement\":false,\"occurredOn\":\""
                    + paidOn + "\"}\n";
        }

        String csv() {
            return department + "," + YEAR + "," + line + "," + voucher + "," + amount + ",某服务公司,日常项目支出,false," + paidOn
                    + "\n";
        }

        /** The REST body of the same payment. */
        String json() {
            return "{\"voucher\":\"" + voucher + "\",\"amount\":\"" + amount
                    + "\",\"payee\":\"某服务公司\",\"purpose\":\"日常项目支出\",\"procurement\":false,\"occurredOn\":\""
                    + paidOn + "\"}";
        }
    }

    /** {@code count} payments of a department-year with {@code lines} lines, as NDJSON. */
    static byte[] payments(String department, int lines, int count) {
        StringBuilder out = new StringBuilder(count * 260);
        for (int i = 1; i <= count; i++) {
            out.append(Payment.of(department, lines, i, count).ndjson());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same payments as CSV rows (department, year, line, voucher, amount, payee, purpose, procurement, date). */
    static byte[] paymentsCsv(String department, int lines, int count) {
        StringBuilder out = new StringBuilder(count * 100);
        for (int i = 1; i <= count; i++) {
            out.append(Payment.of(department, lines, i, count).csv());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
