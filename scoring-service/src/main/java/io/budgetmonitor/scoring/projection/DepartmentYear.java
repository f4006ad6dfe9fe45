package io.budgetmonitor.scoring.projection;

import io.budgetmonitor.api.wire.RecordedEvent;
import java.util.Collection;
import java.util.Comparator;
import java.util.SortedSet;
import java.util.TreeSet;

/** A department's fiscal year: what a projection is of. */
public record DepartmentYear(String department, int fiscalYear) {

    static final Comparator<DepartmentYear> ORDER =
            Comparator.comparing(DepartmentYear::department).thenComparingInt(DepartmentYear::fiscalYear);

    /**
     * The department-years some events belong to, each once and in key order (rows are then locked in
     * the same order as the inputs writes lock theirs, so concurrent consumers cannot deadlock).
     */
    public static SortedSet<DepartmentYear> of(Collection<RecordedEvent> events) {
        SortedSet<DepartmentYear> years = new TreeSet<>(ORDER);
        for (RecordedEvent recorded : events) {
            years.add(new DepartmentYear(
                    recorded.event().department(), recorded.event().fiscalYear()));
        }
        return years;
    }
}
