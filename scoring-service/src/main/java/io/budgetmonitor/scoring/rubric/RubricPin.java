package io.budgetmonitor.scoring.rubric;

/**
 * 评价方案锁定: the rubric a department-year was opened with and the version it is scored with, fixed
 * when its FiscalYearOpened is applied so that a later upload of a higher version changes nothing for
 * it until an evaluator asks for that version.
 *
 * @param rubric  the rubric id (null: the year has not been opened yet)
 * @param version the pinned version (null: unpinned, the rubric was unknown when the year opened)
 */
public record RubricPin(String rubric, Integer version) {

    /** {@code id@version} when pinned, the bare id otherwise, null before the year is opened. */
    public String reference() {
        return rubric == null || version == null ? rubric : rubric + "@" + version;
    }
}
