package io.budgetmonitor.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code <data-dir>/demo-users.txt}: the passwords of the local stack's demo users (SECURITY.md), one
 * {@code username:password} a line, readable by its owner only. The services read it (their
 * {@code budget.security.demo-users-file}); the launcher, the tests and the bench read it to call them.
 * It is the one place the passwords are kept, so a restart on the same data directory prints the same.
 *
 * @param path      the file
 * @param passwords password per username, in the order of {@link #USERS}
 */
public record DemoUsersFile(Path path, Map<String, String> passwords) {

    public static final String FILE_NAME = "demo-users.txt";
    public static final String ADMIN = "admin";

    /** A demo user as the summary shows it; the services hold the same names (DemoUsers of infra/security). */
    public record DemoUser(String username, String may) {}

    public static final List<DemoUser> USERS = List.of(
            new DemoUser("recorder", "RECORDER: records disbursements"),
            new DemoUser("budget-office", "BUDGET_OFFICE: opens years, allocates, closes"),
            new DemoUser("evaluator", "EVALUATOR: KPIs, assessments, evaluations"),
            new DemoUser("auditor", "AUDITOR: reads everything"),
            new DemoUser("viewer", "VIEWER: reads execution, alerts, evaluations"),
            new DemoUser("viewer-bysj", "VIEWER of BY-SJ only"),
            new DemoUser(ADMIN, "ADMIN: everything"));

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HEADER = "# demo users of the local stack (docs/design/SECURITY.md), username:password;"
            + " delete this file for new random passwords\n";

    public DemoUsersFile {
        passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
    }

    /** Where the passwords are, never what they are (a record would print them). */
    @Override
    public String toString() {
        return "DemoUsersFile[" + path + ", users " + passwords.keySet() + "]";
    }

    public static Path pathIn(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /**
     * The file of this data directory, created with a random password per user if it is new. With
     * {@code onePassword}, every user gets that password instead, and the file says so from then on
     * (it stays the truth for the services and every client; delete it to go back to random ones).
     * A user the file lacks (written by an older version) gets a random password.
     */
    public static DemoUsersFile ensure(Path dataDir, Optional<String> onePassword) {
        Path file = pathIn(dataDir);
        Map<String, String> existing = Files.exists(file) ? parse(file) : Map.of();
        Map<String, String> wanted = new LinkedHashMap<>();
        for (DemoUser user : USERS) {
            wanted.put(
                    user.username(),
                    onePassword
                            .or(() -> Optional.ofNullable(existing.get(user.username())))
                            .orElseGet(DemoUsersFile::randomPassword));
        }
        if (!wanted.equals(existing)) {
            write(file, wanted);
        } else {
            ownerOnly(file);
        }
        return new DemoUsersFile(file, wanted);
    }

    /** The file a running (or previously run) stack wrote in this data directory. */
    public static DemoUsersFile read(Path dataDir) {
        Path file = pathIn(dataDir);
        if (!Files.exists(file)) {
            throw new IllegalStateException(
                    "no " + FILE_NAME + " in " + dataDir + ": the run command writes it when it starts");
        }
        return new DemoUsersFile(file, parse(file));
    }

    public String password(String username) {
        String password = passwords.get(username);
        if (password == null) {
            throw new IllegalArgumentException("no demo user " + username + " in " + path);
        }
        return password;
    }

    /** The {@code Authorization} header value of HTTP Basic for this demo user. */
    public String authorization(String username) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((username + ":" + password(username)).getBytes(StandardCharsets.UTF_8));
    }

    /** 12 random bytes as 16 URL-safe characters: no colon, nothing a shell or a URL needs to quote. */
    static String randomPassword() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Read the way the services read it: blank lines and {@code #} comments skipped, the first colon splits. */
    private static Map<String, String> parse(Path file) {
        try {
            Map<String, String> passwords = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                int colon = trimmed.indexOf(':');
                if (trimmed.isEmpty() || trimmed.startsWith("#") || colon <= 0) {
                    continue;
                }
                passwords.put(trimmed.substring(0, colon), trimmed.substring(colon + 1));
            }
            return passwords;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Written to a new file that is owner-only from its creation (never readable by others, not even
     * for a moment), then moved over the old one in one step: a crash leaves the old file or the new.
     */
    private static void write(Path file, Map<String, String> passwords) {
        StringBuilder content = new StringBuilder(HEADER);
        passwords.forEach((username, password) ->
                content.append(username).append(':').append(password).append('\n'));
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = posix(directory)
                    ? Files.createTempFile(
                            directory, ".demo-users", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(directory, ".demo-users", ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // moved already, or nothing more can be done about it
                }
            }
        }
    }

    /** A file copied or restored with looser permissions is made owner-only again. */
    private static void ownerOnly(Path file) {
        try {
            if (posix(file.toAbsolutePath().getParent())
                    && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + file + " readable by its owner only", e);
        }
    }

    private static boolean posix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
