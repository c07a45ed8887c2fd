package dev.engram.eval.score;

import dev.engram.model.EngramModel;
import dev.engram.model.InferenceState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@link LanguageModel} over an {@link EngramModel}.
 *
 * <p>Log-likelihood requests are scored as lm-evaluation-harness does: the input is
 * {@code (context + continuation)[:-1]}, left-truncated to the context length, and the continuation is read
 * off the last positions' logits. Requests that share a context and have a one-token continuation (letter
 * answers, say) share one forward pass. Inputs run longest first in batches through
 * {@link EngramModel#prefill}, so a batch's Engram rows are gathered while the previous sequence runs, and
 * the longest batch comes first so memory trouble shows at once.
 *
 * <p>Limitation: choices with multi-token continuations recompute their shared context, because
 * {@link InferenceState} has no copy or rewind to branch a prefilled context.
 */
public final class EngramLanguageModel implements LanguageModel {
    /** Logit floats one batch may hold, about 256 MiB, so long inputs with large vocabularies fit the heap. */
    private static final long MAX_BATCH_LOGITS = 64L << 20;

    private final EngramModel model;
    private final int vocab;

    public EngramLanguageModel(EngramModel model) {
        this.model = model;
        this.vocab = model.config().vocabSize();
    }

    @Override
    public int maxLength() {
        return model.config().maxSeqLen();
    }

    @Override
    public List<LoglikelihoodResult> loglikelihood(List<LoglikelihoodRequest> requests) {
        Map<Key, Integer> inputIndex = new HashMap<>();
        List<int[]> inputs = new ArrayList<>();
        int[] inputOf = new int[requests.size()];
        for (int r = 0; r < requests.size(); r++) {
            int[] input = inputOf(requests.get(r));
            inputOf[r] = inputIndex.computeIfAbsent(new Key(input), key -> {
                inputs.add(key.ids());
                return inputs.size() - 1;
            });
        }

        Integer[] order = new Integer[inputs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -inputs.get(i).length).thenComparing(i -> i));
        float[][] logits = new float[inputs.size()][];
        int start = 0;
        while (start < order.length) {
            int end = start;
            long floats = 0;
            List<int[]> batch = new ArrayList<>();
            while (end < order.length && (batch.isEmpty()
                    || floats + (long) inputs.get(order[end]).length * vocab <= MAX_BATCH_LOGITS)) {
                batch.add(inputs.get(order[end]));
                floats += (long) inputs.get(order[end]).length * vocab;
                end++;
            }
            List<float[]> out = model.prefill(batch);
            for (int i = start; i < end; i++) {
                logits[order[i]] = out.get(i - start);
            }
            start = end;
        }

        List<LoglikelihoodResult> results = new ArrayList<>(requests.size());
        for (int r = 0; r < requests.size(); r++) {
            int[] input = inputs.get(inputOf[r]);
            results.add(readContinuation(logits[inputOf[r]], input.length, requests.get(r).continuation()));
        }
        return results;
    }

    /** Returns the forward input for a request: context and all but the last continuation token, left-truncated. */
    private int[] inputOf(LoglikelihoodRequest request) {
        int[] context = request.context();
        int[] continuation = request.continuation();
        if (continuation.length > maxLength()) {
            throw new IllegalArgumentException("continuation of " + continuation.length
                    + " tokens is longer than the context length " + maxLength());
        }
        int[] whole = new int[context.length + continuation.length - 1];
        System.arraycopy(context, 0, whole, 0, context.length);
        System.arraycopy(continuation, 0, whole, context.length, continuation.length - 1);
        return whole.length <= maxLength() ? whole : Arrays.copyOfRange(whole, whole.length - maxLength(), whole.length);
    }

    /** Reads the continuation's log-probabilities off the last {@code continuation.length} positions. */
    private LoglikelihoodResult readContinuation(float[] logits, int inputLength, int[] continuation) {
        double total = 0;
        boolean greedy = true;
        int first = inputLength - continuation.length;
        for (int i = 0; i < continuation.length; i++) {
            int offset = (first + i) * vocab;
            total += logSoftmaxAt(logits, offset, continuation[i]);
            greedy &= argmax(logits, offset) == continuation[i];
        }
        return new LoglikelihoodResult(total, greedy);
    }

    @Override
    public double loglikelihoodRolling(int[] tokens) {
        int length = maxLength();
        double total = 0;
        int next = 1;
        while (next < tokens.length) {
            // Each window predicts tokens [next, end) from up to `length` tokens of input, so every token
            // after the first is scored exactly once with as much left context as fits.
            int end = Math.min(tokens.length, next + length);
            int start = Math.max(0, end - 1 - length);
            int[] input = Arrays.copyOfRange(tokens, start, end - 1);
            float[] logits = model.forward(model.newState(Math.max(length, input.length)), input);
            for (int t = next; t < end; t++) {
                total += logSoftmaxAt(logits, (t - 1 - start) * vocab, tokens[t]);
            }
            next = end;
        }
        return total;
    }

    @Override
    public int[] generate(int[] context, int maxTokens, Predicate<int[]> stop) {
        int[] prompt = context.length + maxTokens <= maxLength() ? context
                : Arrays.copyOfRange(context, Math.max(0, context.length - Math.max(1, maxLength() - maxTokens)),
                        context.length);
        InferenceState state = model.newState(prompt.length + maxTokens);
        float[] logits = model.forwardLast(state, prompt);
        int[] generated = new int[maxTokens];
        int count = 0;
        while (count < maxTokens) {
            generated[count++] = argmax(logits, 0);
            int[] sofar = Arrays.copyOf(generated, count);
            if (stop.test(sofar) || count == maxTokens) {
                break;
            }
            logits = model.forwardLast(state, new int[] {generated[count - 1]});
        }
        return Arrays.copyOf(generated, count);
    }

    private double logSoftmaxAt(float[] logits, int offset, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            max = Math.max(max, logits[offset + v]);
        }
        double sum = 0;
        for (int v = 0; v < vocab; v++) {
            sum += Math.exp(logits[offset + v] - max);
        }
        return logits[offset + target] - max - Math.log(sum);
    }

    private int argmax(float[] logits, int offset) {
        int best = 0;
        for (int v = 1; v < vocab; v++) {
            if (logits[offset + v] > logits[offset + best]) {
                best = v;
            }
        }
        return best;
    }

    /** Token ids compared by content, to find requests with the same forward input. */
    private record Key(int[] ids) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(ids, key.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }
    }
}
