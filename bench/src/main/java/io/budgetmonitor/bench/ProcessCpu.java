package io.budgetmonitor.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the machine's CPU went while something was measured, process by process ({@code /proc/<pid>/stat},
 * user + system time): command-service, the two readers, PostgreSQL (the stack's
 * server and its children: backends, WAL writer, checkpointer, autovacuum), this JVM (the bench client and the embedded Kafka broker,
 * which the stack runs in-process) and everything else (on a shared machine: other people's builds). An
 * import's wall time is more than command-service's CPU when the readers and the database take the other
 * cores' time, or when nobody's does (waits): the table says which.
 */
final class ProcessCpu {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    /** Thread names listed one by one in the bench JVM's table; the rest are summed in one row. */
    private static final int THREAD_ROWS = 12;

    private final Map<Long, String> roles;
    private final Map<Long, Long> before;
    private final long postmaster;
    private final long threadsOf;
    private final Map<Long, long[]> threadsBefore;
    /** This JVM's threads at the start: it holds both the bench's client and the embedded Kafka broker. */
    private final Map<Long, long[]> ownThreadsBefore;

    private final long beganNanos;

    private ProcessCpu(Map<Long, String> roles, Map<Long, Long> before, long postmaster, long threadsOf) {
        this.roles = roles;
        this.before = before;
        this.postmaster = postmaster;
        this.threadsOf = threadsOf;
        this.threadsBefore = schedstats(threadsOf);
        this.ownThreadsBefore = schedstats(ProcessHandle.current().pid());
        this.beganNanos = System.nanoTime();
    }

    /**
     * Starts counting; {@code roles} names the stack's service processes by pid, and the busiest request
     * thread of {@code threadsOf} (the one that served the measured request) is followed alone too.
     */
    static ProcessCpu start(Map<Long, String> roles, Path postgresDir, long threadsOf) {
        long postmaster;
        try {
            // the first line of postmaster.pid: our server's, not another PostgreSQL on the same machine
            postmaster = Long.parseLong(Files.readAllLines(postgresDir.resolve("postmaster.pid"))
                    .get(0)
                    .trim());
        } catch (IOException | RuntimeException unknown) {
            postmaster = -1;
        }
        return new ProcessCpu(roles, ticks(), postmaster, threadsOf);
    }

    /** Markdown: core-seconds per process group since {@link #start}, and per unit. */
    List<String> report(long units, String unit) {
        double seconds = (System.nanoTime() - beganNanos) / 1e9;
        Map<Long, Long> after = ticks();
        long self = ProcessHandle.current().pid();
        Map<String, Double> groups = new LinkedHashMap<>();
        for (String role : roles.values()) {
            groups.put(role, 0.0);
        }
        groups.put("PostgreSQL (the stack's server and its backends)", 0.0);
        groups.put("bench JVM (client + embedded Kafka broker)", 0.0);
        groups.put("everything else on the machine", 0.0);
        double total = 0;
        for (Map.Entry<Long, Long> entry : after.entrySet()) {
            long pid = entry.getKey();
            long used = entry.getValue() - before.getOrDefault(pid, 0L);
            if (used <= 0) {
                continue;
            }
            String group;
            if (roles.containsKey(pid)) {
                group = roles.get(pid);
            } else if (pid == self) {
                group = "bench JVM (client + embedded Kafka broker)";
            } else if (pid == postmaster || parent(pid) == postmaster) {
                group = "PostgreSQL (the stack's server and its backends)";
            } else {
                group = "everything else on the machine";
            }
            groups.merge(group, used / TICKS, Double::sum);
            total += used / TICKS;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                "CPU by process over the %.1f s (`/proc/<pid>/stat`; %d cores = %.1f core-seconds available; processes"
                        + " that ended meanwhile are not counted): %.1f core-seconds used (%.0f%%).",
                seconds, cores, cores * seconds, total, 100 * total / (cores * seconds)));
        lines.add("");
        lines.add("| process | core-seconds | share of the machine | ms of CPU per " + unit + " |");
        lines.add("|---|---|---|---|");
        groups.forEach((group, coreSeconds) -> lines.add(String.format(
                "| %s | %.2f | %.0f%% | %.3f |",
                group, coreSeconds, 100 * coreSeconds / (cores * seconds), 1000 * coreSeconds / units)));
        lines.add(String.format(
                "| idle or waiting | %.2f | %.0f%% | |",
                Math.max(0, cores * seconds - total), 100 * Math.max(0, cores * seconds - total) / (cores * seconds)));
        lines.add("");
        lines.add(requestThread(seconds, units, unit));
        lines.add("");
        lines.addAll(ownThreads(self, units, unit));
        return lines;
    }

    /**
     * The bench JVM's CPU by thread name (digits folded, so a pool is one row): which part is the load's client and
     * which the embedded Kafka broker. Threads that ended meanwhile are not counted.
     */
    private List<String> ownThreads(long self, long units, String unit) {
        Map<String, Long> byName = new HashMap<>();
        long total = 0;
        for (Map.Entry<Long, long[]> entry : schedstats(self).entrySet()) {
            long used = entry.getValue()[0] - ownThreadsBefore.getOrDefault(entry.getKey(), new long[2])[0];
            if (used <= 0) {
                continue;
            }
            byName.merge(threadName(self, entry.getKey()).replaceAll("[0-9]+", "#"), used, Long::sum);
            total += used;
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                "The bench JVM by thread (`/proc/self/task/<tid>/schedstat`, names as the kernel keeps them: 15"
                        + " characters, digits folded to #): %.2f core-seconds in threads that lived throughout.",
                total / 1e9));
        lines.add("");
        lines.add("| threads | core-seconds | ms of CPU per " + unit + " |");
        lines.add("|---|---|---|");
        List<Map.Entry<String, Long>> rows = new ArrayList<>(byName.entrySet());
        rows.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        long shown = 0;
        for (Map.Entry<String, Long> row : rows.subList(0, Math.min(THREAD_ROWS, rows.size()))) {
            lines.add(String.format(
                    "| `%s` | %.2f | %.3f |", row.getKey(), row.getValue() / 1e9, row.getValue() / 1e6 / units));
            shown += row.getValue();
        }
        if (rows.size() > THREAD_ROWS) {
            lines.add(String.format(
                    "| %d other names | %.2f | %.3f |",
                    rows.size() - THREAD_ROWS, (total - shown) / 1e9, (total - shown) / 1e6 / units));
        }
        return lines;
    }

    /**
     * The request thread that ran the most, from {@code /proc/<pid>/task/<tid>/schedstat}: time on a core,
     * time runnable but waiting for one (the other processes had the cores), and the rest of the wall time,
     * when it was blocked (database round trips and commits, locks, the network).
     */
    private String requestThread(double seconds, long units, String unit) {
        Map<Long, long[]> after = schedstats(threadsOf);
        long[] busiest = null;
        String name = null;
        for (Map.Entry<Long, long[]> entry : after.entrySet()) {
            String comm = threadName(threadsOf, entry.getKey());
            if (!comm.startsWith("http-nio")) {
                continue;
            }
            long[] start = threadsBefore.getOrDefault(entry.getKey(), new long[2]);
            long[] used = {entry.getValue()[0] - start[0], entry.getValue()[1] - start[1]};
            if (busiest == null || used[0] > busiest[0]) {
                busiest = used;
                name = comm;
            }
        }
        if (busiest == null) {
            return "(no request thread found)";
        }
        double running = busiest[0] / 1e9;
        double queued = busiest[1] / 1e9;
        double blocked = Math.max(0, seconds - running - queued);
        return String.format(
                "The request thread (`%s`, `/proc/<pid>/task/<tid>/schedstat`) over the %.1f s: on a core %.2f s"
                        + " (%.0f%%, %.3f ms per %s), runnable but waiting for a core %.2f s (%.0f%%), blocked (database,"
                        + " commits, locks) %.2f s (%.0f%%).",
                name,
                seconds,
                running,
                100 * running / seconds,
                1000 * running / units,
                unit,
                queued,
                100 * queued / seconds,
                blocked,
                100 * blocked / seconds);
    }

    /** Nanoseconds on a core and waiting on a run queue, per thread of the process. */
    private static Map<Long, long[]> schedstats(long pid) {
        Map<Long, long[]> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String[] fields =
                            Files.readString(task.resolve("schedstat")).trim().split(" ");
                    threads.put(
                            Long.parseLong(task.getFileName().toString()),
                            new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])});
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException | RuntimeException gone) {
            // no such process (or no /proc): nothing to follow
        }
        return threads;
    }

    private static String threadName(long pid, long tid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "comm"))
                    .trim();
        } catch (IOException ended) {
            return "";
        }
    }

    private static Map<Long, Long> ticks() {
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    // the command name may hold spaces and parentheses: the fields follow its last ')'
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // fields 14 and 15 of stat (utime, stime) are 11 and 12 after the state (field 3)
                    ticks.put(
                            Long.parseLong(process.getFileName().toString()),
                            Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException ended) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ticks;
    }

    private static long parent(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException ended) {
            return -2;
        }
    }
}
