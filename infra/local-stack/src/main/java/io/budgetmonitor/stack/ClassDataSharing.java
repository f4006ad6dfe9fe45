package io.budgetmonitor.stack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Quick starts through class data sharing (CDS): on two cores, three Spring Boot JVMs spend most of
 * their start parsing and verifying the same classes every time. A service's executable jar is
 * extracted once per build (CDS only archives classes loaded from plain jars, not from jars nested in
 * a jar), and the first run on that build records the classes it loaded into an archive when it stops
 * ({@code -XX:ArchiveClassesAtExit}); every later start maps the archive instead of loading the classes.
 *
 * <p>The cache sits beside the jar ({@code <service>/target/cds/}), so a rebuild discards it. Nothing
 * depends on it: a missing, stale or unreadable archive only costs the time it would have saved (the
 * JVM runs with {@code -Xshare:auto}), and when the jar cannot be extracted the jar itself is run.
 */
final class ClassDataSharing {

    private static final String ARCHIVE = "classes.jsa";
    private static final String STAMP = "extracted-from";
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private ClassDataSharing() {}

    /**
     * How to start one service from {@code jar}.
     *
     * @param jvmArguments arguments before {@code -jar}
     * @param jar          the jar to run (the extracted one when CDS is used)
     * @param training     where the JVM writes its archive on exit, if this run records one (beside
     *                     the archive later starts use)
     */
    record Launch(List<String> jvmArguments, Path jar, Optional<Path> training) {

        static Launch plain(Path jar) {
            return new Launch(List.of(), jar, Optional.empty());
        }

        /**
         * After the process has exited: keeps the archive it recorded. Recorded under a name of its
         * own, so two stacks started from the same build never read a half-written archive.
         */
        void keepRecordedArchive(boolean exitedCleanly) {
            if (training.isEmpty() || !Files.isRegularFile(training.get())) {
                return;
            }
            try {
                if (exitedCleanly && Files.size(training.get()) > 0) {
                    moveAtomically(training.get(), training.get().resolveSibling(ARCHIVE));
                } else {
                    Files.deleteIfExists(training.get());
                }
            } catch (IOException e) {
                // the next start records again
            }
        }
    }

    /** Prepares the quickest launch of {@code fatJar} available; never fails because of CDS. */
    static Launch prepare(Path fatJar, String java) {
        Path cache = fatJar.resolveSibling("cds");
        try {
            Files.createDirectories(cache);
            // two stacks started from one build (a test beside a running demo) extract it once
            try (FileChannel lock = FileChannel.open(
                            cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lock.lock()) {
                return prepareLocked(fatJar, java, cache);
            }
        } catch (IOException | RuntimeException e) {
            return Launch.plain(fatJar);
        }
    }

    private static Launch prepareLocked(Path fatJar, String java, Path cache) throws IOException {
        Path extracted = cache.resolve("app");
        // an archive only fits the JVM that recorded it: a new JDK extracts and records again
        String stamp = fatJar.getFileName() + " " + Files.size(fatJar) + " "
                + Files.getLastModifiedTime(fatJar).toMillis() + " " + System.getProperty("java.vm.version");
        Path stampFile = cache.resolve(STAMP);
        if (!Files.isRegularFile(stampFile) || !Files.readString(stampFile).equals(stamp)) {
            extract(fatJar, java, cache, extracted);
            Files.writeString(stampFile, stamp);
        }
        Path jar = extracted.resolve(fatJar.getFileName());
        if (!Files.isRegularFile(jar)) {
            return Launch.plain(fatJar);
        }
        Path archive = cache.resolve(ARCHIVE);
        discardArchivesOfDeadRecorders(cache);
        if (Files.isRegularFile(archive)) {
            return new Launch(withQuietLogs("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), jar, Optional.empty());
        }
        Path training = cache.resolve(ARCHIVE + "." + ProcessHandle.current().pid() + "." + System.nanoTime());
        return new Launch(withQuietLogs("-XX:ArchiveClassesAtExit=" + training), jar, Optional.of(training));
    }

    private static List<String> withQuietLogs(String... arguments) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(arguments), QUIET.stream())
                .toList();
    }

    /** A stack killed outright leaves its half-recorded archives (named after its pid) behind. */
    private static void discardArchivesOfDeadRecorders(Path cache) throws IOException {
        String prefix = ARCHIVE + ".";
        try (java.util.stream.Stream<Path> files = Files.list(cache)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .toList()) {
                String recorder =
                        file.getFileName().toString().substring(prefix.length()).replaceAll("\\..*", "");
                if (recorder.matches("\\d+")
                        && ProcessHandle.of(Long.parseLong(recorder)).isEmpty()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** {@code java -Djarmode=tools -jar app.jar extract}: the application jar plus {@code lib/}. */
    private static void extract(Path fatJar, String java, Path cache, Path extracted) throws IOException {
        Path staging = Files.createTempDirectory(cache, "extracting-");
        try {
            Process process = new ProcessBuilder(
                            java,
                            "-Djarmode=tools",
                            "-jar",
                            fatJar.toString(),
                            "extract",
                            "--destination",
                            staging.resolve("app").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("extracting " + fatJar + " failed");
            }
            deleteRecursively(extracted);
            Files.deleteIfExists(cache.resolve(ARCHIVE));
            moveAtomically(staging.resolve("app"), extracted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting " + fatJar, e);
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
