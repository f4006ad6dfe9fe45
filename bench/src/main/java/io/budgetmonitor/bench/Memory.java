package io.budgetmonitor.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Row 7: a service JVM's heap (jstat: used and committed, and used again after a full GC the harness
 * asks for with jcmd) and its resident set (VmRSS of /proc).
 */
record Memory(double heapUsedMb, double heapCommittedMb, double liveMb, double rssMb) {

    static Memory of(long pid) throws IOException, InterruptedException {
        double[] before = heap(pid);
        run("jcmd", Long.toString(pid), "GC.run");
        double[] after = heap(pid);
        return new Memory(before[0], before[1], after[0], rss(pid));
    }

    String describe() {
        return String.format(
                "heap %.0f MB used of %.0f MB committed (%.0f MB after a full GC), RSS %.0f MB",
                heapUsedMb, heapCommittedMb, liveMb, rssMb);
    }

    ObjectNode json() {
        return Api.JSON
                .createObjectNode()
                .put("heapUsedMb", heapUsedMb)
                .put("heapCommittedMb", heapCommittedMb)
                .put("heapAfterFullGcMb", liveMb)
                .put("rssMb", rssMb);
    }

    /** @return used and committed heap in MB, from {@code jstat -gc} (KB columns S0C S1C S0U S1U EC EU OC OU …) */
    private static double[] heap(long pid) throws IOException, InterruptedException {
        String[] lines = run("jstat", "-gc", Long.toString(pid)).trim().split("\n");
        String[] names = lines[0].trim().split("\\s+");
        String[] values = lines[1].trim().split("\\s+");
        double used = 0;
        double committed = 0;
        for (int i = 0; i < names.length; i++) {
            switch (names[i]) {
                case "S0U", "S1U", "EU", "OU" -> used += Double.parseDouble(values[i]);
                case "S0C", "S1C", "EC", "OC" -> committed += Double.parseDouble(values[i]);
                default -> {}
            }
        }
        return new double[] {used / 1024, committed / 1024};
    }

    private static double rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return Double.NaN;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output);
        }
        return output;
    }
}
