package io.budgetmonitor.testkit.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes the temporary directories the embedded servers create. */
public final class FileTrees {

    private FileTrees() {}

    /**
     * Deletes {@code root} and everything below it, quietly: this runs from shutdown hooks, where a
     * half-deleted temp directory is better than an exception nobody sees.
     *
     * @param root directory to delete; nothing happens when it is {@code null} or absent
     */
    public static void deleteQuietly(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort, see above
        }
    }
}
