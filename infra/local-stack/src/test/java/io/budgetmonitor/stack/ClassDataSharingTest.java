package io.budgetmonitor.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {

    static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path target;

    @Test
    void aServiceJarIsExtractedOnceAndItsFirstRunRecordsAnArchive() throws IOException {
        Path jar = copyOfAServiceJar();

        ClassDataSharing.Launch first = ClassDataSharing.prepare(jar, JAVA);

        assertThat(first.jar()).isEqualTo(target.resolve("cds/app").resolve(jar.getFileName()));
        assertThat(first.jar()).isRegularFile();
        assertThat(target.resolve("cds/app/lib"))
                .isDirectoryContaining(p -> p.toString().contains("spring-core"));
        assertThat(first.training()).isPresent();
        assertThat(first.jvmArguments())
                .contains("-XX:ArchiveClassesAtExit=" + first.training().get());

        // the JVM wrote its archive and stopped cleanly: later starts map it
        Files.writeString(first.training().get(), "archive");
        first.keepRecordedArchive(true);
        ClassDataSharing.Launch second = ClassDataSharing.prepare(jar, JAVA);

        assertThat(second.training()).isEmpty();
        assertThat(second.jvmArguments())
                .contains("-XX:SharedArchiveFile=" + target.resolve("cds/classes.jsa"), "-Xshare:auto");
        assertThat(second.jar()).isEqualTo(first.jar());
    }

    @Test
    void anArchiveLeftByAKilledJvmIsDiscarded() throws IOException {
        Path jar = copyOfAServiceJar();
        ClassDataSharing.Launch first = ClassDataSharing.prepare(jar, JAVA);
        Files.writeString(first.training().get(), "half an archive");

        first.keepRecordedArchive(false);

        assertThat(first.training().get()).doesNotExist();
        assertThat(target.resolve("cds/classes.jsa")).doesNotExist();
        assertThat(ClassDataSharing.prepare(jar, JAVA).training())
                .as("the next run records again")
                .isPresent();
    }

    @Test
    void aRebuiltJarIsExtractedAgainAndItsOldArchiveDropped() throws IOException {
        Path jar = copyOfAServiceJar();
        ClassDataSharing.Launch first = ClassDataSharing.prepare(jar, JAVA);
        Files.writeString(first.training().get(), "archive");
        first.keepRecordedArchive(true);

        Files.setLastModifiedTime(
                jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        ClassDataSharing.Launch rebuilt = ClassDataSharing.prepare(jar, JAVA);

        assertThat(target.resolve("cds/classes.jsa")).doesNotExist();
        assertThat(rebuilt.training()).isPresent();
        assertThat(rebuilt.jar()).isRegularFile();
    }

    @Test
    void aJarThatCannotBeExtractedRunsAsItIs() throws IOException {
        Path notABootJar = target.resolve("plain-exec.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(notABootJar), new Manifest())) {
            out.finish();
        }

        ClassDataSharing.Launch launch = ClassDataSharing.prepare(notABootJar, JAVA);

        assertThat(launch.jar()).isEqualTo(notABootJar);
        assertThat(launch.jvmArguments()).isEmpty();
    }

    /** The smallest real Spring Boot executable jar of the build. */
    private Path copyOfAServiceJar() throws IOException {
        Path projectRoot = Path.of(System.getProperty("budget.stack.project-root", "../.."))
                .toAbsolutePath()
                .normalize();
        Path built = ServiceProcess.jarOf(Service.QUERY, projectRoot);
        return Files.copy(built, target.resolve(built.getFileName()));
    }
}
