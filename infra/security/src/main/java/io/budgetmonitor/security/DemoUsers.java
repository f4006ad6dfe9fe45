package io.budgetmonitor.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The local stack's built-in users (SECURITY.md): one per role, plus a viewer scoped to 石井街道.
 * Their passwords come from the run command's {@code demo-users.txt} ({@code username:password} a
 * line) or one password for all; they are hashed as they are read and never kept in clear.
 */
public final class DemoUsers {

    /** A demo user's fixed roles and departments. */
    public record DemoUser(String username, Set<Role> roles, Set<String> departments) {}

    public static final List<DemoUser> ALL = List.of(
            new DemoUser("recorder", Set.of(Role.RECORDER), Set.of(DepartmentScope.ALL)),
            new DemoUser("budget-office", Set.of(Role.BUDGET_OFFICE), Set.of(DepartmentScope.ALL)),
            new DemoUser("evaluator", Set.of(Role.EVALUATOR), Set.of(DepartmentScope.ALL)),
            new DemoUser("auditor", Set.of(Role.AUDITOR), Set.of(DepartmentScope.ALL)),
            new DemoUser("viewer", Set.of(Role.VIEWER), Set.of(DepartmentScope.ALL)),
            new DemoUser("viewer-bysj", Set.of(Role.VIEWER), Set.of("BY-SJ")),
            new DemoUser("admin", Set.of(Role.ADMIN), Set.of(DepartmentScope.ALL)));

    private DemoUsers() {}

    /** The demo users that have a password in these settings, with hashed passwords. */
    static List<UserDetails> load(SecuritySettings settings, PasswordEncoder encoder) {
        Map<String, String> passwords = passwords(settings);
        List<UserDetails> users = new ArrayList<>();
        for (DemoUser demo : ALL) {
            String password = passwords.get(demo.username());
            if (password == null || password.isEmpty()) {
                continue;
            }
            users.add(User.withUsername(demo.username())
                    .password(encoder.encode(password))
                    .authorities(Caller.authorities(demo.roles(), demo.departments()))
                    .build());
        }
        return users;
    }

    static Map<String, String> passwords(SecuritySettings settings) {
        Map<String, String> passwords = new LinkedHashMap<>();
        if (settings.demoPassword() != null && !settings.demoPassword().isEmpty()) {
            ALL.forEach(demo -> passwords.put(demo.username(), settings.demoPassword()));
        }
        if (settings.demoUsersFile() != null && !settings.demoUsersFile().isBlank()) {
            passwords.putAll(readFile(Path.of(settings.demoUsersFile())));
        }
        return passwords;
    }

    /** {@code username:password} a line; blank lines and {@code #} comments are skipped. */
    public static Map<String, String> readFile(Path file) {
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
        } catch (IOException unreadable) {
            throw new UncheckedIOException("demo users file " + file + " cannot be read", unreadable);
        }
    }
}
