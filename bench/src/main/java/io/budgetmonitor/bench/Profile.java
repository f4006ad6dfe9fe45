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
                // commit instants of the rows row 3's stages are read from (AlertStages)
                sql.execute("alter system set track_commit_timestamp = on");
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
        out.add("| % of samples | stage (the deepest of these on the sample's stack, searched from its top) |");
        out.add("|---|---|");
        top(stages(recording), 20)
                .forEach(e -> out.add(String.format("| %.1f | %s |", 100.0 * e.getValue() / all, e.getKey())));
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

    /**
     * Pipeline stages by package or class prefix, most specific first: a sample counts for the first
     * stage that one of its frames, searched from the top of the stack, belongs to (JDK frames belong
     * to their caller's stage), so each sample is counted once, where the work was done for.
     */
    private static final String[][] STAGES = {
        {"java.util.UUID.randomUUID", "`UUID.randomUUID` (one `SecureRandom`)"},
        {"sun.security.provider.", "JDK crypto provider (SecureRandom, SHA)"},
        {"org.postgresql.", "pgjdbc (statements, results)"},
        {"com.zaxxer.hikari.", "Hikari"},
        {"org.axonframework.serialization.", "Axon serialization (event and metadata JSON)"},
        {"org.axonframework.eventsourcing.", "Axon event sourcing and event store"},
        {"org.axonframework.modelling.", "Axon aggregates and repositories"},
        {"org.axonframework.eventhandling.", "Axon event handling (registers, publisher)"},
        {"org.axonframework.messaging.annotation.", "Axon handler resolution and invocation"},
        {"org.axonframework.", "Axon command bus, units of work, interceptors"},
        {"io.budgetmonitor.command.budgetline.", "budget-monitor: aggregates"},
        {"io.budgetmonitor.command.imports.", "budget-monitor: importer"},
        {"io.budgetmonitor.command.", "budget-monitor: command-service, other"},
        {"io.budgetmonitor.", "budget-monitor: security module, budget-api"},
        {"org.springframework.transaction.", "Spring transactions"},
        {"org.springframework.jdbc.", "Spring JDBC"},
        {"com.fasterxml.jackson.", "Jackson (HTTP bodies, NDJSON lines, event payloads)"},
        {"io.micrometer.", "Micrometer (observations, meters)"},
        {"org.springframework.security.", "Spring Security filters"},
        {"org.springframework.web.", "Spring MVC"},
        {"org.springframework.kafka.", "Spring Kafka"},
        {"org.springframework.", "Spring, other"},
        {"org.apache.catalina.", "Tomcat (servlet container)"},
        {"org.apache.coyote.", "Tomcat (HTTP)"},
        {"org.apache.tomcat.", "Tomcat (network)"},
        {"org.apache.kafka.", "Kafka client"},
        {"ch.qos.logback.", "Logback"},
    };

    private static Map<String, Integer> stages(Path recording) throws IOException {
        Map<String, Integer> stages = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            stages.merge(stage(event.getStackTrace().getFrames()), 1, Integer::sum);
        }
        return stages;
    }

    private static String stage(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String name = name(frame);
            for (String[] stage : STAGES) {
                if (name.startsWith(stage[0])) {
                    return stage[1];
                }
            }
        }
        return "JDK only";
    }

    /** Markdown: command-service's CPU time (JFR's jdk.CPULoad, averaged) per unit measured. */
    static String cpu(Path recording, double seconds, long units, String unit) throws IOException {
        double jvm = 0;
        double machine = 0;
        int loads = 0;
        int collections = 0;
        double pausedMillis = 0;
        double allocatedBytes = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals("jdk.CPULoad")) {
                jvm += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                machine += event.getFloat("machineTotal");
                loads++;
            } else if (event.getEventType().getName().equals("jdk.GarbageCollection")) {
                collections++;
                pausedMillis += event.getDuration("sumOfPauses").toNanos() / 1e6;
            } else if (event.getEventType().getName().equals("jdk.ObjectAllocationSample")) {
                allocatedBytes += event.getLong("weight");
            }
        }
        if (loads == 0 || units == 0) {
            return "no CPU load recorded";
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double coreSeconds = jvm / loads * cores * seconds;
        return String.format(
                        "command-service used %.0f%% of the machine's CPU (the machine: %.0f%%), %.1f core-seconds in %.1f s ="
                                + " **%.2f ms of CPU per %s** (JFR's own cost included)",
                        100 * jvm / loads,
                        100 * machine / loads,
                        coreSeconds,
                        seconds,
                        1000 * coreSeconds / units,
                        unit)
                // stop-the-world pauses stop the request thread too: they are part of its blocked time
                + String.format(
                        "; %d garbage collections paused it for %.0f ms in all (%.0f%% of the %.1f s); ≈ %.0f KB allocated"
                                + " per %s (JFR's allocation samples)",
                        collections,
                        pausedMillis,
                        100 * pausedMillis / 1000 / seconds,
                        seconds,
                        allocatedBytes / 1024 / units,
                        unit);
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
