package dev.engram.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.eval.metric.Aggregation;
import dev.engram.eval.metric.Bootstrap;
import dev.engram.eval.metric.MetricValue;
import dev.engram.eval.metric.ResponseFilter;
import dev.engram.eval.metric.SampleMetrics;
import dev.engram.eval.metric.Statistics;
import dev.engram.eval.request.EvalItem;
import dev.engram.eval.score.ItemScore;
import dev.engram.eval.task.BuiltinTasks;
import dev.engram.eval.task.FilterSpec;
import dev.engram.eval.task.TaskConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void accNormDividesByCharacterLength() {
        TaskConfig arc = BuiltinTasks.load("arc_easy");
        // Choice 0 has the higher raw log-likelihood, choice 1 the higher per-character one: -4/2 > -3/1.
        EvalItem item = new EvalItem("arc_easy", 0, "q", List.of(" a", " bb"), List.of("a", "bb"), 1, "bb", Map.of());
        Map<String, MetricValue> values = SampleMetrics.compute(arc, item,
                new ItemScore(item.hash(), new double[] {-3, -4}, new boolean[2], ""));
        assertEquals(0.0, values.get("acc,none").value());
        assertEquals(1.0, values.get("acc_norm,none").value());
    }

    @Test
    void meanStderrIsSampleStddevOverRootN() {
        double[] values = {1, 0, 1, 1};
        // numpy: np.std([1,0,1,1], ddof=1) / sqrt(4) = 0.5 / 2 = 0.25
        assertEquals(0.25, Aggregation.MEAN.stderr(values, 0), 1e-12);
        assertEquals(0.75, Aggregation.MEAN.aggregate(values, null), 1e-12);
    }

    @Test
    void rollingMetricsUseWordAndByteCounts() {
        double[] logLikelihoods = {-10, -20};
        double[] words = {5, 10};
        double[] bytes = {20, 40};
        assertEquals(Math.exp(30.0 / 15), Aggregation.WEIGHTED_PERPLEXITY.aggregate(logLikelihoods, words), 1e-9);
        assertEquals(30.0 / 60 / Math.log(2), Aggregation.BITS_PER_BYTE.aggregate(logLikelihoods, bytes), 1e-12);
        assertTrue(Double.isNaN(Aggregation.BITS_PER_BYTE.stderr(logLikelihoods, 100)));
    }

    @Test
    void bootstrapIsDeterministicAndClose() {
        double[] values = new double[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = -1 - (i % 7) * 0.3;
        }
        double first = Bootstrap.stderr(Statistics::mean, values, 2000);
        assertEquals(first, Bootstrap.stderr(Statistics::mean, values, 2000));
        // The bootstrap estimate of a mean's stderr approaches the closed form.
        assertEquals(Aggregation.MEAN.stderr(values, 0), first, 0.1 * first);
    }

    @Test
    void pooledStderrMatchesHarnessFormula() {
        // sqrt(((10-1)*0.1^2*10 + (30-1)*0.2^2*30) / (40-2) / 40)
        double expected = Math.sqrt((9 * 0.01 * 10 + 29 * 0.04 * 30) / 38.0 / 40);
        assertEquals(expected, Statistics.pooledStderr(new double[] {0.1, 0.2}, new long[] {10, 30}), 1e-12);
    }

    @Test
    void gsm8kFiltersAndExactMatch() {
        TaskConfig gsm8k = BuiltinTasks.load("gsm8k");
        FilterSpec strict = gsm8k.filters().get(0);
        FilterSpec flexible = gsm8k.filters().get(1);
        assertEquals("1,234", ResponseFilter.apply(strict, "so #### 1,234"));
        assertEquals(ResponseFilter.INVALID, ResponseFilter.apply(strict, "the answer is 7"));
        assertEquals("7", ResponseFilter.apply(flexible, "3 and then 7"));

        EvalItem item = new EvalItem("gsm8k", 0, "Q", List.of(), List.of(), -1, "work\n#### 1234", Map.of());
        Map<String, MetricValue> values = SampleMetrics.compute(gsm8k, item,
                new ItemScore(item.hash(), new double[0], new boolean[0], " so #### 1,234."));
        assertEquals(1.0, values.get("exact_match,strict-match").value());
        assertEquals(1.0, values.get("exact_match,flexible-extract").value());
    }
}
