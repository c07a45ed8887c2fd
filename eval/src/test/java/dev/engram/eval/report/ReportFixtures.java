package dev.engram.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.eval.metric.MetricValue;
import dev.engram.eval.results.ScoredSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Two small runs with every kind of data the report plots, built by hand so each value is known. */
final class ReportFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportFixtures() {
    }

    static JsonNode results(double arcAcc, double niahScore) throws Exception {
        return JSON.readTree("""
                {"results": {
                   "arc_easy": {"alias": "arc_easy", "acc,none": %s, "acc_stderr,none": 0.05,
                                "acc_norm,none": 0.4, "acc_norm_stderr,none": 0.04},
                   "perplexity": {"alias": "perplexity", "word_perplexity,none": 31.5,
                                  "word_perplexity_stderr,none": "N/A"},
                   "niah_single": {"alias": " - niah_single", "string_match_all,none": %s,
                                   "string_match_all_stderr,none": 0.1}},
                 "groups": {"niah": {"alias": "niah", "string_match_all,none": %s,
                                     "string_match_all_stderr,none": 0.1}},
                 "group_subtasks": {"niah": ["niah_single"]},
                 "config": {"model": "models/m"}}
                """.formatted(arcAcc, niahScore, niahScore));
    }

    static List<ScoredSample> samples(double needleValue) {
        List<ScoredSample> samples = new ArrayList<>();
        int[] lengths = {50, 120, 300, 700};
        for (int i = 0; i < lengths.length; i++) {
            samples.add(new ScoredSample("perplexity", i, "p" + i,
                    Map.of("word_perplexity,none", new MetricValue(-3.0 * (i + 1) * 10, 10 * (i + 1))),
                    Map.of("characters", Integer.toString(lengths[i]))));
        }
        int doc = 0;
        for (int length : new int[] {256, 512}) {
            for (double depth : new double[] {0.0, 0.5, 1.0}) {
                samples.add(new ScoredSample("niah_single", doc, "n" + doc,
                        Map.of("string_match_all,none", new MetricValue(depth == 0.5 ? 0 : needleValue, 1)),
                        Map.of("context_length", Integer.toString(length), "depth", Double.toString(depth))));
                doc++;
            }
        }
        return samples;
    }

    static JsonNode tableStats() throws Exception {
        return JSON.readTree("""
                {"table": "tables/t1",
                 "shards": [
                   {"layerId": 1, "order": 2, "head": 0, "prime": 53, "usedBuckets": 40, "fillRatio": 0.75,
                    "hits": 900, "collisionRate": 0.2, "maxDistinct": 4, "maxHits": 80, "coverage": []},
                   {"layerId": 1, "order": 3, "head": 0, "prime": 53, "usedBuckets": 30, "fillRatio": 0.56,
                    "hits": 700, "collisionRate": 0.1, "maxDistinct": 3, "maxHits": 60, "coverage": []}],
                 "orders": [],
                 "coverage": [{"rowShare": 0.01, "rows": 1, "lookupShare": 0.2},
                              {"rowShare": 0.1, "rows": 11, "lookupShare": 0.6}]}
                """);
    }

    static GateTrace gate() {
        return new GateTrace(List.of("The", " cat", " sat", " <on>", " the", " mat"),
                Map.of(1, new double[] {0.1, 0.8, 0.4, 0.95, 0.2, 0.7}));
    }

    /** Run "base" has table stats and a gate trace; run "engram" has neither, so those sections say so. */
    static List<ReportRun> twoRuns() throws Exception {
        return List.of(
                new ReportRun("base", results(0.5, 0.4), samples(1.0), tableStats(), null, gate()),
                new ReportRun("engram", results(0.625, 0.6), samples(0.5), null,
                        "No stats.json: the run's config names no table folder.", null));
    }
}
