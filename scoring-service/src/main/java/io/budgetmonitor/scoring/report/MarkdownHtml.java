package io.budgetmonitor.scoring.report;

/**
 * A small Markdown-to-HTML renderer for exactly what {@link ReportRenderer} writes: ATX headings,
 * paragraphs, "-" and "1." lists and **bold**. Everything else is escaped text; no dependency needed.
 */
public final class MarkdownHtml {

    public String render(String markdown, String title) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title></head><body>\n");
        String openList = null;
        StringBuilder paragraph = new StringBuilder();
        for (String raw : markdown.split("\n", -1)) {
            String line = raw.stripTrailing();
            boolean bullet = line.startsWith("- ");
            boolean numbered = line.matches("\\d+\\. .*");
            if (line.isEmpty() || line.startsWith("#") || bullet || numbered) {
                flush(html, paragraph);
            }
            if (openList != null && !((bullet && openList.equals("ul")) || (numbered && openList.equals("ol")))) {
                html.append("</").append(openList).append(">\n");
                openList = null;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                int level = 0;
                while (level < line.length() && line.charAt(level) == '#') {
                    level++;
                }
                level = Math.min(level, 6);
                html.append("<h").append(level).append(">").append(inline(line.substring(level).strip()))
                        .append("</h").append(level).append(">\n");
            } else if (bullet || numbered) {
                String kind = bullet ? "ul" : "ol";
                if (openList == null) {
                    html.append("<").append(kind).append(">\n");
                    openList = kind;
                }
                html.append("<li>").append(inline(bullet ? line.substring(2) : line.substring(line.indexOf(". ") + 2)))
                        .append("</li>\n");
            } else {
                if (paragraph.length() > 0) {
                    paragraph.append("<br>");
                }
                paragraph.append(inline(line));
            }
        }
        flush(html, paragraph);
        if (openList != null) {
            html.append("</").append(openList).append(">\n");
        }
        return html.append("</body></html>\n").toString();
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
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
