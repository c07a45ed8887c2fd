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
 * @param trainingCurve    the loss curve of the run's model from its train-log.jsonl, or null when none is attached
 */
public record ReportRun(String name, JsonNode results, List<ScoredSample> samples, JsonNode tableStats,
                        String tableStatsNote, GateTrace gate, TrainingCurve trainingCurve) {
    public ReportRun {
        samples = List.copyOf(samples);
    }

    /** Creates a run without a training curve, as a run folder alone provides. */
    public ReportRun(String name, JsonNode results, List<ScoredSample> samples, JsonNode tableStats,
                     String tableStatsNote, GateTrace gate) {
        this(name, results, samples, tableStats, tableStatsNote, gate, null);
    }

    /** Returns this run with {@code curve} as its training curve. */
    public ReportRun withTrainingCurve(TrainingCurve curve) {
        return new ReportRun(name, results, samples, tableStats, tableStatsNote, gate, curve);
    }

    /** Returns this run with the table statistics {@code stats}, or with {@code note} saying why they are null. */
    public ReportRun withTableStats(JsonNode stats, String note) {
        return new ReportRun(name, results, samples, stats, note, gate, trainingCurve);
    }
}
