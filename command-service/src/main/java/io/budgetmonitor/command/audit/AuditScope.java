package io.budgetmonitor.command.audit;

import java.util.List;

/**
 * Which chains an audit walks: all, one department's, or one department-year's. Aggregate ids start
 * with the department-year ({@code BY-SJ:2021} is the fiscal year, {@code BY-SJ:2021:GP-PUB-01} a line).
 *
 * @param department null for the whole log
 * @param year       null for every year of {@code department}; needs a department
 */
public record AuditScope(String department, Integer year) {

    public AuditScope {
        if (year != null && department == null) {
            throw new IllegalArgumentException("a year needs a department");
        }
    }

    public static AuditScope everything() {
        return new AuditScope(null, null);
    }

    /** A WHERE condition on {@code aggregate_identifier} (no leading AND); "TRUE" for everything. */
    String condition() {
        if (department == null) {
            return "TRUE";
        }
        return year == null
                ? "aggregate_identifier LIKE ? ESCAPE '\\'"
                : "(aggregate_identifier = ? OR aggregate_identifier LIKE ? ESCAPE '\\')";
    }

    List<Object> arguments() {
        if (department == null) {
            return List.of();
        }
        if (year == null) {
            return List.of(likePrefix(department + ":"));
        }
        String departmentYear = department + ":" + year;
        return List.of(departmentYear, likePrefix(departmentYear + ":"));
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
