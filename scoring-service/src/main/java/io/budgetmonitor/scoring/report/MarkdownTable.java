package io.budgetmonitor.scoring.report;

import java.util.ArrayList;
import java.util.List;

/** The cells of a pipe-table row as {@link ReportRenderer} writes them (no pipes inside cells). */
final class MarkdownTable {

    private MarkdownTable() {}

    static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            // ASCII blanks only: a leading 全角空格 (U+3000) is the indentation of a 其中 or child row
            cells.add(cell.replaceAll("^ +| +$", ""));
        }
        return cells;
    }

    /** |---|---:| */
    static boolean isSeparator(List<String> cells) {
        return cells.stream().allMatch(cell -> cell.matches(":?-{3,}:?"));
    }

    static boolean rightAligned(String separatorCell) {
        return separatorCell.endsWith(":");
    }
}
