package dev.engram.eval.score;

import dev.engram.eval.request.EvalItem;
import dev.engram.eval.task.GenerationSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores items with a model. All log-likelihood requests of the given items go to the model in one call,
 * so it can sort and batch them across items.
 */
public final class ItemScorer {
    private final LanguageModel model;
    private final TextCodec codec;

    public ItemScorer(LanguageModel model, TextCodec codec) {
        this.model = model;
        this.codec = codec;
    }

    /** Scores items of one output type; {@code generation} is used by generate_until items only. */
    public List<ItemScore> score(List<EvalItem> items, String outputType, GenerationSpec generation) {
        return switch (outputType) {
            case "multiple_choice", "loglikelihood" -> scoreLoglikelihood(items);
            case "loglikelihood_rolling" -> items.stream().map(this::scoreRolling).toList();
            case "generate_until" -> items.stream().map(item -> scoreGeneration(item, generation)).toList();
            default -> throw new IllegalArgumentException("unknown output type " + outputType);
        };
    }

    private List<ItemScore> scoreLoglikelihood(List<EvalItem> items) {
        List<LoglikelihoodRequest> requests = new ArrayList<>();
        for (EvalItem item : items) {
            String context = item.context();
            // As the harness does: trailing spaces move from the context into each continuation, and the
            // continuation's ids are the tail of encode(context + continuation), so tokenizers that merge
            // a leading space into the next word see the same text as in training.
            String stripped = context.stripTrailing();
            String moved = context.substring(stripped.length());
            int[] contextIds = codec.encode(stripped);
            for (String continuation : item.continuations()) {
                int[] whole = codec.encode(stripped + moved + continuation);
                int split = Math.min(contextIds.length, whole.length - 1);
                requests.add(new LoglikelihoodRequest(Arrays.copyOf(whole, split),
                        Arrays.copyOfRange(whole, split, whole.length)));
            }
        }
        List<LoglikelihoodResult> results = model.loglikelihood(requests);

        List<ItemScore> scores = new ArrayList<>(items.size());
        int next = 0;
        for (EvalItem item : items) {
            int n = item.continuations().size();
            double[] logLikelihoods = new double[n];
            boolean[] greedy = new boolean[n];
            for (int i = 0; i < n; i++) {
                LoglikelihoodResult result = results.get(next++);
                logLikelihoods[i] = result.logLikelihood();
                greedy[i] = result.greedy();
            }
            scores.add(new ItemScore(item.hash(), logLikelihoods, greedy, ""));
        }
        return scores;
    }

    private ItemScore scoreRolling(EvalItem item) {
        double total = model.loglikelihoodRolling(codec.encode(item.target()));
        return new ItemScore(item.hash(), new double[] {total}, new boolean[0], "");
    }

    private ItemScore scoreGeneration(EvalItem item, GenerationSpec generation) {
        int[] context = codec.encode(item.context());
        if (context.length == 0) {
            throw new IllegalArgumentException("task " + item.task() + " document " + item.docId()
                    + " has an empty prompt, which generation cannot start from");
        }
        int[] generated = model.generate(context, generation.maxGenTokens(),
                sofar -> stopAt(codec.decode(sofar), generation.until()) >= 0);
        String text = codec.decode(generated);
        int stop = stopAt(text, generation.until());
        return new ItemScore(item.hash(), new double[0], new boolean[0], stop < 0 ? text : text.substring(0, stop));
    }

    private static int stopAt(String text, List<String> until) {
        int first = -1;
        for (String stop : until) {
            int at = text.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }
}
