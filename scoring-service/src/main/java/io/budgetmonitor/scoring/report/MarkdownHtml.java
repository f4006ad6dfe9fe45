package io.budgetmonitor.scoring.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A small Markdown-to-HTML renderer for exactly what {@link ReportRenderer} writes: ATX headings,
 * paragraphs, "-" and "1." lists, pipe tables, **bold** and a leading backslash that keeps a line text.
 * Everything else is escaped text; no dependency needed.
 */
public final class MarkdownHtml {

    public String render(String markdown, String title) {
        StringBuilder html = new StringBuilder(
                        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title))
                .append("</title></head><body>\n");
        String openList = null;
        StringBuilder paragraph = new StringBuilder();
        List<List<String>> table = new ArrayList<>();
        for (String raw : markdown.split("\n", -1)) {
            String line = raw.stripTrailing();
            boolean literal = line.startsWith("\\");
            boolean row = !literal && line.startsWith("|");
            boolean bullet = !literal && line.startsWith("- ");
            boolean numbered = !literal && line.matches("\\d+\\. .*");
            boolean heading = !literal && line.startsWith("#");
            if (!row && !table.isEmpty()) {
                table(html, table);
            }
            if (line.isEmpty() || heading || bullet || numbered || row) {
                flush(html, paragraph);
            }
            if (openList != null && !((bullet && openList.equals("ul")) || (numbered && openList.equals("ol")))) {
                html.append("</").append(openList).append(">\n");
                openList = null;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (row) {
                table.add(MarkdownTable.cells(line));
            } else if (heading) {
                int level = 0;
                while (level < line.length() && line.charAt(level) == '#') {
                    level++;
                }
                level = Math.min(level, 6);
                html.append("<h")
                        .append(level)
                        .append(">")
                        .append(inline(line.substring(level).strip()))
                        .append("</h")
                        .append(level)
                        .append(">\n");
            } else if (bullet || numbered) {
                String kind = bullet ? "ul" : "ol";
                if (openList == null) {
                    html.append("<").append(kind).append(">\n");
                    openList = kind;
                }
                html.append("<li>")
                        .append(inline(bullet ? line.substring(2) : line.substring(line.indexOf(". ") + 2)))
                        .append("</li>\n");
            } else {
                if (paragraph.length() > 0) {
                    paragraph.append("<br>");
                }
                paragraph.append(literal ? escape(line.substring(1)) : inline(line));
            }
        }
        if (!table.isEmpty()) {
            table(html, table);
        }
        flush(html, paragraph);
        if (openList != null) {
            html.append("</").append(openList).append(">\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder html, List<List<String>> rows) {
        html.append("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n");
        boolean header = true;
        for (List<String> cells : rows) {
            if (MarkdownTable.isSeparator(cells)) {
                continue;
            }
            String tag = header ? "th" : "td";
            html.append("<tr>");
            for (String cell : cells) {
                html.append("<")
                        .append(tag)
                        .append(">")
                        .append(inline(cell))
                        .append("</")
                        .append(tag)
                        .append(">");
            }
            html.append("</tr>\n");
            header = false;
        }
        html.append("</table>\n");
        rows.clear();
    }

    private static void flush(StringBuilder html, StringBuilder paragraph) {
        if (paragraph.length() > 0) {
            html.append("<p>").append(paragraph).append("</p>\n");
            paragraph.setLength(0);
        }
    }

    private static String inline(String text) {
        return escape(text).replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
