package io.budgetmonitor.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the ready summary says about the demo users. */
class SummaryTest {

    @TempDir
    Path dataDir;

    @Test
    void randomPasswordsArePrintedWithTheFileTheyAreIn() {
        StackSettings settings = StackSettings.parse(new String[]{"--data-dir=" + dataDir}, Map.of());
        DemoUsersFile users = DemoUsersFile.ensure(dataDir, Optional.empty());

        String printed = String.join("\n", Summary.users(settings, users));

        assertThat(printed).contains(users.path().toString());
        for (DemoUsersFile.DemoUser user : DemoUsersFile.USERS) {
            assertThat(printed).contains(user.username() + " ").contains(users.password(user.username()));
        }
    }

    @Test
    void aGivenPasswordIsNotPrintedBack() {
        StackSettings settings = StackSettings.parse(new String[]{"--data-dir=" + dataDir},
                Map.of("BUDGET_DEMO_PASSWORD", "given-by-the-script"));
        DemoUsersFile users = DemoUsersFile.ensure(dataDir, Optional.of("given-by-the-script"));

        assertThat(String.join("\n", Summary.users(settings, users)))
                .contains("admin").contains("(--demo-password)").doesNotContain("given-by-the-script");
    }

    @Test
    void theDashboardsAddressOpensOnTheLoadedYear() {
        assertThat(Summary.dashboard("http://localhost:8082", Optional.of(new DemoLoader.DepartmentYear("BY-SJ", 2021))))
                .isEqualTo("http://localhost:8082/?year=2021&department=BY-SJ");
        assertThat(Summary.dashboard("http://localhost:8082", Optional.empty())).isEqualTo("http://localhost:8082/");
    }
}
