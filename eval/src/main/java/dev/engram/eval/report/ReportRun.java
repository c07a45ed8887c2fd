package dev.engram.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.eval.results.ScoredSample;
import java.util.List;

/**
 * One evaluation run as the report sees it.
 *
 * @param name             label in plots and tables, usually the run folder's name
 * @param results          the run's results.json
 * @param samples          the per-sample rows, which carry the document lengths and needle positions
 * @param tableStats       {@code stats.json} of the table folder the run's config names, or null
 * @param tableStatsNote   why {@code tableStats} is null; ignored when it is present
 * @param gate             the Engram gate along a sample text, or null when the run did not record it
 */
public record ReportRun(String name, JsonNode results, List<ScoredSample> samples, JsonNode tableStats,
                        String tableStatsNote, GateTrace gate) {
    public ReportRun {
        samples = List.copyOf(samples);
    }
}
