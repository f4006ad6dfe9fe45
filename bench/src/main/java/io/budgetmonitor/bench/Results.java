package io.budgetmonitor.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The run's table (Markdown and JSON), its notes and profile, and the chart (SVG) of row 1. */
final class Results {
    private final List<String> table = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();
    private final ObjectNode json = Api.JSON.createObjectNode();
    private final ArrayNode rows = json.putArray("rows");
    private final List<Throughput> rest = new ArrayList<>();
    private final List<Throughput> sql = new ArrayList<>();

    Results() {
        table.add("| # | what | budget-monitor | baseline (same run, same PostgreSQL/Kafka) | ratio |");
        table.add("|---|---|---|---|---|");
    }

    void note(String key, String value) {
        json.put(key, value);
    }

    void row(String id, String what, String ours, String baseline, double ratio, ObjectNode figures) {
        String ratioText = Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.3f", ratio);
        table.add("| " + id + " | " + what + " | " + ours + " | " + baseline + " | " + ratioText + " |");
        ObjectNode row = rows.addObject().put("id", id).put("what", what).put("budgetMonitor", ours);
        row.put("baseline", baseline);
        if (!Double.isNaN(ratio)) {
            row.put("ratio", ratio);
        }
        row.set("figures", figures);
        System.out.println("[bench] " + id + " " + what + ": " + ours + " | " + baseline + " | " + ratioText);
    }

    /** A row-1 pair for the chart. */
    void concurrency(Throughput ours, Throughput baseline) {
        rest.add(ours);
        sql.add(baseline);
    }

    void section(String title, List<String> lines) {
        sections.add("");
        sections.add("## " + title);
        sections.add("");
        sections.addAll(lines);
        ArrayNode array = json.putArray(title);
        lines.forEach(array::add);
        lines.forEach(line -> System.out.println("[bench] " + line));
    }

    static ObjectNode figures(Throughput t) {
        return Api.JSON
                .createObjectNode()
                .put("clients", t.clients())
                .put("perSecond", t.perSecond())
                .put("p50ms", t.p50())
                .put("p99ms", t.p99())
                .put("ok", t.ok())
                .put("failed", t.failed())
                .put("seconds", t.seconds());
    }

    /** Writes {@code <dir>/<stamp>.md}, {@code .json} and {@code .svg}; returns the Markdown file. */
    Path write(Path dir, String stamp, List<String> head) throws IOException {
        Files.createDirectories(dir);
        List<String> markdown = new ArrayList<>(head);
        markdown.add("");
        markdown.addAll(table);
        markdown.add("");
        markdown.add("![throughput and latency per concurrency](" + stamp + ".svg)");
        markdown.addAll(sections);
        Path md = dir.resolve(stamp + ".md");
        Files.write(md, markdown);
        Files.writeString(dir.resolve(stamp + ".json"), json.toPrettyString());
        Files.writeString(dir.resolve(stamp + ".svg"), chart());
        markdown.forEach(System.out::println);
        return md;
    }

    /** Two panels on log scales: commands/s, and p50/p99 latency, per concurrency; ours against plain SQL. */
    String chart() {
        int width = 900;
        int height = 380;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        panel(svg, 60, "throughput (per second, log scale)", true);
        panel(svg, 510, "latency (ms, log scale): p50 dashed, p99 solid", false);
        svg.append("<g font-size=\"12\"><rect x=\"60\" y=\"350\" width=\"14\" height=\"4\" fill=\"#d62728\"/>")
                .append("<text x=\"80\" y=\"356\">budget-monitor, REST disbursements</text>")
                .append("<rect x=\"330\" y=\"350\" width=\"14\" height=\"4\" fill=\"#1f77b4\"/>")
                .append("<text x=\"350\" y=\"356\">plain-SQL transaction (JDBC), same PostgreSQL</text></g>\n");
        return svg.append("</svg>\n").toString();
    }

    private void panel(StringBuilder svg, int left, String title, boolean throughput) {
        int top = 40;
        int w = 340;
        int h = 260;
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"25\" font-weight=\"bold\">%s</text>\n<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
                        + " fill=\"none\" stroke=\"#888\"/>\n",
                left,
                title,
                left,
                top,
                w,
                h));
        List<Double> all = new ArrayList<>();
        for (List<Throughput> series : List.of(rest, sql)) {
            for (Throughput t : series) {
                if (throughput) {
                    all.add(t.perSecond());
                } else {
                    all.add(t.p50());
                    all.add(t.p99());
                }
            }
        }
        all.removeIf(v -> !(v > 0));
        if (all.isEmpty()) {
            return;
        }
        double min =
                Math.floor(Math.log10(all.stream().mapToDouble(d -> d).min().getAsDouble()));
        double max = Math.ceil(Math.log10(all.stream().mapToDouble(d -> d).max().getAsDouble()));
        if (max <= min) {
            max = min + 1;
        }
        for (double decade = min; decade <= max; decade++) {
            double y = top + h - (decade - min) / (max - min) * h;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/><text x=\"%d\" y=\"%.1f\""
                            + " text-anchor=\"end\">%s</text>\n",
                    left,
                    left + w,
                    y,
                    y,
                    left - 4,
                    y + 4,
                    String.format(Locale.ROOT, "%,.0f", Math.pow(10, decade))));
        }
        int n = rest.size();
        double finalMin = min;
        double finalMax = max;
        java.util.function.IntToDoubleFunction x = i -> left + (i + 0.5) * w / Math.max(1, n);
        java.util.function.DoubleUnaryOperator y =
                v -> top + h - (Math.log10(v) - finalMin) / (finalMax - finalMin) * h;
        for (int i = 0; i < n; i++) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">c=%d</text>\n",
                    x.applyAsDouble(i),
                    top + h + 16,
                    rest.get(i).clients()));
        }
        String[] colours = {"#d62728", "#1f77b4"};
        List<List<Throughput>> both = List.of(rest, sql);
        for (int s = 0; s < 2; s++) {
            List<Throughput> series = both.get(s);
            for (int metric = 0; metric < (throughput ? 1 : 2); metric++) {
                StringBuilder points = new StringBuilder();
                for (int i = 0; i < series.size(); i++) {
                    Throughput t = series.get(i);
                    double v = throughput ? t.perSecond() : metric == 0 ? t.p50() : t.p99();
                    if (v > 0) {
                        double px = x.applyAsDouble(i);
                        double py = y.applyAsDouble(v);
                        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                        svg.append(String.format(
                                Locale.ROOT,
                                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\""
                                        + " font-size=\"10\" fill=\"%s\">%s</text>\n",
                                px,
                                py,
                                colours[s],
                                px + 5,
                                py - 4,
                                colours[s],
                                String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.1f", v)));
                    }
                }
                svg.append(String.format(
                        "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
                        points.toString().trim(),
                        colours[s],
                        !throughput && metric == 0 ? " stroke-dasharray=\"5,4\"" : ""));
            }
        }
    }
}
