package io.budgetmonitor.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the ready summary says about the demo users and the alerts to act on. */
class SummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void randomPasswordsArePrintedWithTheFileTheyAreIn() {
        StackSettings settings = StackSettings.parse(new String[] {"--data-dir=" + dataDir}, Map.of());
        DemoUsersFile users = DemoUsersFile.ensure(dataDir, Optional.empty());

        String printed = String.join("\n", Summary.users(settings, users));

        assertThat(printed).contains(users.path().toString());
        for (DemoUsersFile.DemoUser user : DemoUsersFile.USERS) {
            assertThat(printed).contains(user.username() + " ").contains(users.password(user.username()));
        }
    }

    @Test
    void aGivenPasswordIsNotPrintedBack() {
        StackSettings settings = StackSettings.parse(
                new String[] {"--data-dir=" + dataDir}, Map.of("BUDGET_DEMO_PASSWORD", "given-by-the-script"));
        DemoUsersFile users = DemoUsersFile.ensure(dataDir, Optional.of("given-by-the-script"));

        assertThat(String.join("\n", Summary.users(settings, users)))
                .contains("admin")
                .contains("(--demo-password)")
                .doesNotContain("given-by-the-script");
    }

    @Test
    void aClosedYearHasNothingToActOn() throws Exception {
        assertThat(Summary.toActOn("http://localhost:8082", "BY-SJ", 2021, JSON.readTree("[]")))
                .containsExactly(
                        "  alerts to act on (BY-SJ 2021): none   (every alert: http://localhost:8082/api/v1/alerts?department=BY-SJ&year=2021)");
    }

    @Test
    void theGroupsToActOnAreShownWorstFirstNotARawCount() throws Exception {
        StringBuilder groups = new StringBuilder("[");
        groups.append(group("CRITICAL", "EXECUTION_BEHIND_SCHEDULE", 13, "line:OT-PER-02", "63.5 points behind"));
        for (String rule : new String[] {
            "QUARTER_TARGET_MISSED", "KPI_AT_RISK", "RECLAIM_RISK", "LINE_NEARLY_EXHAUSTED", "KPI_TARGET_TOO_LOOSE"
        }) {
            groups.append(',').append(group("WARNING", rule, 1, "department", "…"));
        }
        List<String> lines = Summary.toActOn(
                "http://localhost:8082",
                "BY-SJ",
                2022,
                JSON.readTree(groups.append(']').toString()));

        assertThat(lines.get(0))
                .isEqualTo("  alerts to act on (BY-SJ 2022): 6 group(s)   "
                        + "(http://localhost:8082/api/v1/alerts/groups?department=BY-SJ&year=2022)");
        assertThat(lines.get(1))
                .isEqualTo("    CRITICAL EXECUTION_BEHIND_SCHEDULE ×13, worst line:OT-PER-02: 63.5 points behind");
        assertThat(lines).hasSize(1 + Summary.GROUPS_SHOWN + 1).last().isEqualTo("    … and 1 more group(s)");
    }

    private static String group(String severity, String rule, int count, String subject, String message) {
        return "{\"severity\":\"" + severity + "\",\"rule\":\"" + rule + "\",\"count\":" + count
                + ",\"worst\":{\"subject\":\"" + subject + "\",\"message\":\"" + message + "\"}}";
    }

    @Test
    void theDashboardsAddressOpensOnTheLoadedYear() {
        assertThat(Summary.dashboard(
                        "http://localhost:8082", Optional.of(new DemoLoader.DepartmentYear("BY-SJ", 2021))))
                .isEqualTo("http://localhost:8082/?year=2021&department=BY-SJ");
        assertThat(Summary.dashboard("http://localhost:8082", Optional.empty())).isEqualTo("http://localhost:8082/");
    }
}
