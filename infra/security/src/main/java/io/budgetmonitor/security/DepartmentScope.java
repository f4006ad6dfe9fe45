package io.budgetmonitor.security;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The departments a caller may see (管辖范围). {@code *} stands for every department.
 */
public record DepartmentScope(Set<String> departments) {

    public static final String ALL = "*";

    public DepartmentScope {
        departments = Set.copyOf(departments);
    }

    public static DepartmentScope of(Collection<String> departments) {
        return new DepartmentScope(Set.copyOf(departments));
    }

    public static DepartmentScope all() {
        return new DepartmentScope(Set.of(ALL));
    }

    public boolean isAll() {
        return departments.contains(ALL);
    }

    public boolean includes(String department) {
        return isAll() || (department != null && departments.contains(department));
    }

    /** The departments to filter a query by, or empty when the caller sees all of them. */
    public Optional<Set<String>> restriction() {
        return isAll() ? Optional.empty() : Optional.of(departments);
    }
}
