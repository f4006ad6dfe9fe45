package io.budgetmonitor.bench;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How big each row of the side-by-side run is. {@code --quick} shrinks everything to a smoke test of
 * the harness (a minute or two); the default is the table. Single rows can be scaled with flags.
 *
 * @param restSeconds   measured seconds per concurrency level (row 1, and the same for its baseline)
 * @param warmupSeconds REST load before the first measurement and after each stack restart
 * @param restLines     budget lines the REST clients spread their payments over
 * @param importLines   disbursement lines of the import (row 2) and events of the big department-year (row 5)
 * @param alertSamples  refused payments per alert measurement (idle, and again under load)
 * @param loadRate      payments per second that flow while the loaded alert latency is measured
 * @param smallYear     events of the small department-year (row 5)
 * @param district      events in the store for the rebuild and memory rows (4, 7)
 * @param stored        events in the store for the second REST measurement (row 6)
 * @param jitSeconds    measured seconds of each steady-state JIT run (part 4), after {@code warmupSeconds * 2}
 * @param jit           whether to run the C1-versus-full-JIT comparison (two extra stack starts)
 * @param dataDir       where the stack keeps its data (a new temp directory by default)
 * @param password      the demo users' password
 */
record Sizes(
        int restSeconds,
        int warmupSeconds,
        int restLines,
        int importLines,
        int alertSamples,
        int loadRate,
        int smallYear,
        long district,
        long stored,
        int jitSeconds,
        boolean jit,
        Optional<Path> dataDir,
        String password) {

    static final String USAGE = """
            Usage: bench/run [--quick] [--stored=N] [--district=N] [--import=N] [--seconds=N] [--no-jit] [--data-dir=DIR]
              --quick        tiny sizes: checks the harness end to end in a few minutes
              --stored=N     events already stored for row 6 (default 10,000,000; quick 60,000)
              --district=N   events of the district for rows 4 and 7 (default 1,000,000; quick 30,000)
              --import=N     lines of the import of row 2 (default 100,000; quick 2,000)
              --seconds=N    measured seconds per REST concurrency (default 30; quick 3)
              --no-jit       skip part 4 (C1 only against the full JIT, two stack restarts)
              --data-dir=D   keep the stack's data in D (default: a new temporary directory)
            """;

    static Sizes parse(String[] args) {
        boolean quick = false;
        for (String arg : args) {
            quick |= arg.equals("--quick");
        }
        int restSeconds = quick ? 3 : 30;
        int warmup = quick ? 3 : 30;
        int importLines = quick ? 2_000 : 100_000;
        long district = quick ? 30_000 : 1_000_000;
        long stored = quick ? 60_000 : 10_000_000;
        boolean jit = true;
        Optional<Path> dataDir = Optional.empty();
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            if (arg.equals("--quick")) {
                continue;
            } else if (arg.startsWith("--stored=")) {
                stored = Long.parseLong(value.replace("_", ""));
            } else if (arg.startsWith("--district=")) {
                district = Long.parseLong(value.replace("_", ""));
            } else if (arg.startsWith("--import=")) {
                importLines = Integer.parseInt(value.replace("_", ""));
            } else if (arg.startsWith("--seconds=")) {
                restSeconds = Integer.parseInt(value);
            } else if (arg.equals("--no-jit")) {
                jit = false;
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Optional.of(Path.of(value));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
        }
        return new Sizes(
                restSeconds,
                warmup,
                100,
                importLines,
                quick ? 10 : 100,
                200,
                1_000,
                district,
                stored,
                quick ? 3 : 30,
                jit,
                dataDir,
                "bench-" + Long.toHexString(Double.doubleToLongBits(Math.random())));
    }
}
