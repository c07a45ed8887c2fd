package dev.engram.eval.report;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every per-suite metric of every run side by side: the numbers behind the plots, perplexities included. */
final class ScoreTable {
    private final List<ReportRun> runs;
    private final Map<SuiteKey, ScoreRow[]> rows = new LinkedHashMap<>();

    ScoreTable(List<ReportRun> runs) {
        this.runs = runs;
        Set<SuiteKey> keys = new LinkedHashSet<>();
        List<Map<SuiteKey, ScoreRow>> perRun = runs.stream().map(run -> {
            Map<SuiteKey, ScoreRow> byKey = new LinkedHashMap<>();
            for (ScoreRow row : ScoreRow.read(run.results())) {
                SuiteKey key = new SuiteKey(row.suite(), row.metric());
                byKey.put(key, row);
                keys.add(key);
            }
            return byKey;
        }).toList();
        for (SuiteKey key : keys) {
            ScoreRow[] values = new ScoreRow[runs.size()];
            for (int run = 0; run < runs.size(); run++) {
                values[run] = perRun.get(run).get(key);
            }
            rows.put(key, values);
        }
    }

    String html() {
        StringBuilder html = new StringBuilder("<table><tr><th>suite</th><th>metric</th>");
        runs.forEach(run -> html.append("<th>").append(Svg.escape(run.name())).append("</th>"));
        html.append("</tr>\n");
        for (Map.Entry<SuiteKey, ScoreRow[]> entry : rows.entrySet()) {
            html.append("<tr><td>").append(Svg.escape(entry.getKey().suite())).append("</td><td>")
                    .append(Svg.escape(entry.getKey().metric())).append("</td>");
            for (ScoreRow row : entry.getValue()) {
                html.append("<td>").append(Svg.escape(cell(row))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    String markdown() {
        StringBuilder md = new StringBuilder("| suite | metric |");
        runs.forEach(run -> md.append(' ').append(markdownCell(run.name())).append(" |"));
        md.append("\n|---|---|");
        runs.forEach(run -> md.append("---:|"));
        md.append('\n');
        for (Map.Entry<SuiteKey, ScoreRow[]> entry : rows.entrySet()) {
            md.append("| ").append(markdownCell(entry.getKey().suite())).append(" | ")
                    .append(markdownCell(entry.getKey().metric())).append(" |");
            for (ScoreRow row : entry.getValue()) {
                md.append(' ').append(cell(row)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String cell(ScoreRow row) {
        if (row == null) {
            return "–";
        }
        return Double.isNaN(row.stderr()) ? Svg.format(row.value())
                : Svg.format(row.value()) + " ± " + Svg.format(row.stderr());
    }

    static String markdownCell(String text) {
        return text.replace("|", "\\|");
    }
}
