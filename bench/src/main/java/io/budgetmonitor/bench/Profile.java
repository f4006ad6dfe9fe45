package io.budgetmonitor.bench;

import io.budgetmonitor.testkit.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a measured stretch cost: the statements PostgreSQL ran ({@code pg_stat_statements}, loaded
 * into the embedded server before the stack starts) and where command-service spent its CPU (a JFR
 * recording started and stopped with {@code jcmd} on the running JVM).
 */
final class Profile {

    private Profile() {}

    /** Before the stack's first start: initdb the data directory and preload pg_stat_statements. */
    static void preloadStatements(Path postgresDir) throws SQLException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder()
                .dataDirectory(postgresDir)
                .build()
                .start()) {
            try (Connection db = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "postgres");
                    Statement sql = db.createStatement()) {
                sql.execute("alter system set shared_preload_libraries = 'pg_stat_statements'");
            }
        }
    }

    static void resetStatements(String url) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
                Statement sql = db.createStatement()) {
            sql.execute("create extension if not exists pg_stat_statements");
            sql.execute("select pg_stat_statements_reset()");
        }
    }

    /** Markdown rows: the statements of {@code database} since the reset, by calls, per unit of work. */
    static List<String> statements(String url, String database, long units, String unit) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select s.calls, s.total_exec_time, s.query from pg_stat_statements s"
                        + " join pg_database d on d.oid = s.dbid where d.datname = '" + database + "'"
                        + " order by s.calls desc")) {
            long calls = 0;
            double millis = 0;
            List<String> top = new ArrayList<>();
            while (rows.next()) {
                calls += rows.getLong(1);
                millis += rows.getDouble(2);
                if (top.size() < 15) {
                    top.add(String.format(
                            "| %.2f | %,d | %.0f | `%s` |",
                            rows.getLong(1) / (double) units,
                            rows.getLong(1),
                            rows.getDouble(2),
                            abbreviate(rows.getString(3))));
                }
            }
            out.add(String.format(
                    "%,d statements in %s for %,d %s = **%.1f statements per %s** (BEGIN travels with the first"
                            + " statement, so round trips ≈ statements − BEGINs); server time %.0f ms = %.2f ms per %s",
                    calls, database, units, unit + "s", calls / (double) units, unit, millis, millis / units, unit));
            out.add("");
            out.add("| calls per " + unit + " | calls | total ms | statement |");
            out.add("|---|---|---|---|");
            out.addAll(top);
        }
        return out;
    }

    private static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'");
        return flat.length() > 150 ? flat.substring(0, 150) + "…" : flat;
    }

    static void startRecording(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + file);
    }

    static void stopRecording(long pid) throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=bench");
    }

    private static void jcmd(long pid, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** Markdown: the hottest methods by CPU samples, on top of the stack (self) and anywhere in it (total). */
    static List<String> hotMethods(Path recording) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (isOurs(name) && seen.add(name)) {
                    total.merge(name, 1, Integer::sum);
                }
            }
        }
        int all = Math.max(1, samples);
        List<String> out = new ArrayList<>();
        out.add(String.format("%,d CPU samples of command-service (JFR `profile` settings)", samples));
        out.add("");
        out.add("| self % | method (top of stack) |");
        out.add("|---|---|");
        top(self, 15).forEach(e -> out.add(String.format("| %.1f | `%s` |", 100.0 * e.getValue() / all, e.getKey())));
        out.add("");
        out.add(
                "| total % | method (anywhere in the stack; budget-monitor, Axon, Spring JDBC/transactions, pgjdbc, Hikari) |");
        out.add("|---|---|");
        top(total, 25).forEach(e -> out.add(String.format("| %.1f | `%s` |", 100.0 * e.getValue() / all, e.getKey())));
        return out;
    }

    private static boolean isOurs(String method) {
        return method.startsWith("io.budgetmonitor.")
                || method.startsWith("org.axonframework.")
                || method.startsWith("org.springframework.jdbc.")
                || method.startsWith("org.springframework.transaction.")
                || method.startsWith("org.postgresql.")
                || method.startsWith("com.zaxxer.");
    }

    private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .toList();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
