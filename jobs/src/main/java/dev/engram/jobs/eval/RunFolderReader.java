package dev.engram.jobs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.eval.report.GateTrace;
import dev.engram.eval.report.ReportRun;
import dev.engram.eval.results.ScoredSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a run folder written by {@link EvalJob} for the report: results.json (required), samples.parquet,
 * the {@code stats.json} of the table folder its config names, and {@code gate.json} if present.
 *
 * <p>{@code gate.json} is {@code {"tokens": ["The", " cat", ...], "layers": {"1": [0.12, 0.80, ...]}}}, one
 * gate value per token for each Engram layer id.
 */
public final class RunFolderReader {
    public static final String TABLE_STATS = "stats.json";
    public static final String GATE = "gate.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFolderReader() {
    }

    public static ReportRun read(Path folder) throws IOException {
        Path resultsFile = folder.resolve(EvalJob.RESULTS);
        if (!Files.isRegularFile(resultsFile)) {
            throw new IllegalArgumentException("run folder " + folder + " has no " + EvalJob.RESULTS
                    + "; pass a folder written by engram eval");
        }
        JsonNode results = JSON.readTree(resultsFile.toFile());
        Path samplesFile = folder.resolve(EvalJob.SAMPLES);
        List<ScoredSample> samples = new ArrayList<>();
        if (Files.isRegularFile(samplesFile)) {
            SampleParquet.read(samplesFile).forEach(row -> samples.add(row.sample()));
        }

        JsonNode tableDir = results.path("config").path("table_dir");
        JsonNode stats = null;
        String statsNote;
        if (!tableDir.isTextual()) {
            statsNote = "No table statistics: the run's model keeps its Engram tables in model.safetensors and "
                    + "names no table folder, so there is no " + TABLE_STATS + " to read.";
        } else {
            Path statsFile = Path.of(tableDir.textValue()).resolve(TABLE_STATS);
            statsNote = "No table statistics: " + statsFile + " does not exist; run engram table-stats on "
                    + tableDir.textValue() + " to write it.";
            if (Files.isRegularFile(statsFile)) {
                stats = JSON.readTree(statsFile.toFile());
            }
        }

        Path gateFile = folder.resolve(GATE);
        GateTrace gate = Files.isRegularFile(gateFile) ? readGate(gateFile) : null;
        return new ReportRun(folder.getFileName().toString(), results, samples, stats, statsNote, gate);
    }

    private static GateTrace readGate(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        List<String> tokens = new ArrayList<>();
        root.path("tokens").forEach(token -> tokens.add(token.asText()));
        Map<Integer, double[]> layers = new HashMap<>();
        for (Map.Entry<String, JsonNode> layer : root.path("layers").properties()) {
            double[] values = new double[layer.getValue().size()];
            for (int t = 0; t < values.length; t++) {
                values[t] = layer.getValue().get(t).asDouble();
            }
            try {
                layers.put(Integer.parseInt(layer.getKey()), values);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": layers key \"" + layer.getKey()
                        + "\" is not a layer id", e);
            }
        }
        return new GateTrace(tokens, layers);
    }
}
