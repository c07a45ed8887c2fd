package dev.engram.eval.metric;

import dev.engram.eval.request.EvalItem;
import dev.engram.eval.score.ItemScore;
import dev.engram.eval.task.FilterSpec;
import dev.engram.eval.task.MetricSpec;
import dev.engram.eval.task.OutputType;
import dev.engram.eval.task.TaskConfig;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Computes one document's metric values, keyed {@code metric,filter} as in results.json. */
public final class SampleMetrics {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern PUNCTUATION = Pattern.compile("\\p{P}");

    private SampleMetrics() {
    }

    public static Map<String, MetricValue> compute(TaskConfig task, EvalItem item, ItemScore score) {
        Map<String, MetricValue> values = new LinkedHashMap<>();
        if (task.outputType() == OutputType.GENERATE_UNTIL) {
            List<FilterSpec> filters = task.filters().isEmpty() ? List.of(new FilterSpec("none", List.of()))
                    : task.filters();
            for (FilterSpec filter : filters) {
                String response = ResponseFilter.apply(filter, score.generation());
                for (MetricSpec metric : task.metrics()) {
                    values.put(metric.name() + "," + filter.name(), generated(metric, response, item.target()));
                }
            }
            return values;
        }
        for (MetricSpec metric : task.metrics()) {
            values.put(metric.name() + ",none", scored(task.outputType(), metric.name(), item, score));
        }
        return values;
    }

    private static MetricValue scored(OutputType type, String metric, EvalItem item, ItemScore score) {
        double[] logLikelihoods = score.logLikelihoods();
        return switch (metric) {
            case "acc" -> type == OutputType.LOGLIKELIHOOD ? indicator(score.greedy()[0])
                    : indicator(argmax(logLikelihoods, null) == item.gold());
            case "acc_norm" -> indicator(argmax(logLikelihoods, item.choices()) == item.gold());
            case "perplexity" -> new MetricValue(logLikelihoods[0], 1);
            case "word_perplexity" -> new MetricValue(logLikelihoods[0], wordCount(item.target()));
            case "byte_perplexity", "bits_per_byte" ->
                    new MetricValue(logLikelihoods[0], item.target().getBytes(StandardCharsets.UTF_8).length);
            default -> throw new IllegalArgumentException("metric " + metric + " does not apply to " + type);
        };
    }

    /** Returns the first index of the largest log-likelihood, divided by choice length when {@code choices} is set. */
    static int argmax(double[] logLikelihoods, List<String> choices) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logLikelihoods.length; i++) {
            double value = choices == null ? logLikelihoods[i] : logLikelihoods[i] / choices.get(i).length();
            if (value > bestValue) {
                best = i;
                bestValue = value;
            }
        }
        return best;
    }

    /** Returns the number of pieces {@code re.split(r"\s+", text)} yields, the harness's word count. */
    static int wordCount(String text) {
        return WHITESPACE.split(text, -1).length;
    }

    private static MetricValue generated(MetricSpec metric, String response, String target) {
        return switch (metric.name()) {
            case "exact_match" -> indicator(normalize(metric, response).equals(normalize(metric, target)));
            case "string_match_all" -> new MetricValue(stringMatchAll(response, target), 1);
            default -> throw new IllegalArgumentException("metric " + metric.name() + " does not apply to generation");
        };
    }

    /** Applies exact_match's options in the order Hugging Face evaluate applies them. */
    private static String normalize(MetricSpec metric, String text) {
        String out = text;
        for (String regex : metric.regexesToIgnore()) {
            out = Pattern.compile(regex).matcher(out).replaceAll("");
        }
        if (metric.ignoreCase()) {
            out = out.toLowerCase(java.util.Locale.ROOT);
        }
        if (metric.ignorePunctuation()) {
            out = PUNCTUATION.matcher(out).replaceAll("");
        }
        return out;
    }

    /** RULER's string_match_all: the share of reference values (one per line) found in the output, ignoring case. */
    static double stringMatchAll(String response, String target) {
        String[] references = target.split("\n");
        String lowered = response.toLowerCase(java.util.Locale.ROOT);
        int found = 0;
        for (String reference : references) {
            if (lowered.contains(reference.toLowerCase(java.util.Locale.ROOT))) {
                found++;
            }
        }
        return (double) found / references.length;
    }

    private static MetricValue indicator(boolean condition) {
        return new MetricValue(condition ? 1 : 0, 1);
    }
}
