package io.budgetmonitor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.budgetmonitor.security.DemoUsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo users' password file: owner-only, random per data directory, kept, or one given password. */
class DemoUsersFileTest {

    @TempDir
    Path dataDir;

    @Test
    void aNewDataDirectoryGetsAnOwnerOnlyFileWithARandomPasswordPerUser() throws IOException {
        DemoUsersFile users = DemoUsersFile.ensure(dataDir, Optional.empty());

        Path file = dataDir.resolve("demo-users.txt");
        assertThat(users.path()).isEqualTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(users.passwords())
                .containsOnlyKeys(
                        DemoUsers.ALL.stream().map(DemoUsers.DemoUser::username).toList());
        assertThat(users.passwords().values())
                .allSatisfy(password -> assertThat(password).matches("[A-Za-z0-9_-]{16}"));
        assertThat(new HashSet<>(users.passwords().values()))
                .hasSize(users.passwords().size());
        // the services read the file with their own parser: it must see what the launcher wrote
        assertThat(DemoUsers.readFile(file)).isEqualTo(users.passwords());
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).as("nothing but the file is left behind").containsExactly(file);
        }
    }

    @Test
    void aRestartOnTheSameDataDirectoryKeepsThePasswords() throws IOException {
        DemoUsersFile first = DemoUsersFile.ensure(dataDir, Optional.empty());
        String written = Files.readString(first.path());

        DemoUsersFile again = DemoUsersFile.ensure(dataDir, Optional.empty());

        assertThat(again.passwords()).isEqualTo(first.passwords());
        assertThat(Files.readString(again.path())).isEqualTo(written);
        assertThat(DemoUsersFile.read(dataDir).passwords()).isEqualTo(first.passwords());
    }

    @Test
    void oneGivenPasswordIsEveryUsersAndStaysInTheFile() throws IOException {
        DemoUsersFile.ensure(dataDir, Optional.empty());

        DemoUsersFile given = DemoUsersFile.ensure(dataDir, Optional.of("s3cret:with-colon"));

        assertThat(given.passwords().values()).containsOnly("s3cret:with-colon");
        assertThat(DemoUsers.readFile(given.path()).values()).containsOnly("s3cret:with-colon");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(given.path())))
                .isEqualTo("rw-------");
        assertThat(DemoUsersFile.ensure(dataDir, Optional.empty()).passwords().values())
                .as("a later start without the option")
                .containsOnly("s3cret:with-colon");
    }

    @Test
    void aUserTheFileLacksGetsAPasswordAndLooserPermissionsAreTightened() throws IOException {
        Path file = dataDir.resolve("demo-users.txt");
        Files.writeString(file, "# older\nviewer:kept-password\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        DemoUsersFile users = DemoUsersFile.ensure(dataDir, Optional.empty());

        assertThat(users.password("viewer")).isEqualTo("kept-password");
        assertThat(users.password("admin")).hasSize(16);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        DemoUsersFile.ensure(dataDir, Optional.empty());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void theBasicHeaderIsTheUsersAndNothingPrintsThePasswords() {
        DemoUsersFile users = DemoUsersFile.ensure(dataDir, Optional.of("pw"));

        String encoded = users.authorization("recorder").substring("Basic ".length());
        assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
                .isEqualTo("recorder:pw");
        assertThat(users.toString()).doesNotContain("pw]").contains("recorder");
        assertThatThrownBy(() -> users.authorization("mallory")).hasMessageContaining("no demo user mallory");
    }

    @Test
    void readingADataDirectoryTheStackNeverStartedInSaysSo() {
        assertThatThrownBy(() -> DemoUsersFile.read(dataDir)).hasMessageContaining("no demo-users.txt in " + dataDir);
    }
}
