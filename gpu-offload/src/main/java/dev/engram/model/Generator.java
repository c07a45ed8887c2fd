package dev.engram.model;

import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Generates tokens: prefill of the prompt, then one decode step per new token on the same state. */
public final class Generator {
    private static final Logger LOG = LoggerFactory.getLogger(Generator.class);

    private final EngramModel model;

    public Generator(EngramModel model) {
        this.model = model;
    }

    /**
     * Generates up to {@code maxTokens} tokens after {@code prompt}, passing each to {@code onToken} as soon
     * as it is sampled. Generation stops early when {@code onToken} returns false (an end-of-sequence id,
     * say) or the model's {@code max_seq_len} is reached.
     *
     * @return the generated ids, not including the prompt
     */
    public int[] generate(int[] prompt, int maxTokens, Sampler sampler, IntPredicate onToken) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt needs at least one token id");
        }
        int capacity = model.config().maxSeqLen();
        if (prompt.length >= capacity) {
            throw new IllegalArgumentException("prompt of " + prompt.length + " tokens leaves no room under max_seq_len "
                    + capacity);
        }
        int vocab = model.config().vocabSize();
        InferenceState state = model.newState(capacity);
        long start = System.nanoTime();
        float[] logits = model.forwardLast(state, prompt);
        long prefillEnd = System.nanoTime();

        int limit = Math.min(maxTokens, capacity - prompt.length);
        int[] generated = new int[limit];
        int count = 0;
        while (count < limit) {
            int next = sampler.sample(logits, 0, vocab);
            generated[count++] = next;
            if (!onToken.test(next) || count == limit) {
                break;
            }
            logits = model.forwardLast(state, new int[] {next});
        }
        long end = System.nanoTime();
        LOG.info("Generated {} tokens after a {}-token prompt: prefill {} ms, decode {} tokens/s", count,
                prompt.length, (prefillEnd - start) / 1_000_000,
                String.format("%.1f", count / Math.max(1e-9, (end - prefillEnd) / 1e9)));
        return java.util.Arrays.copyOf(generated, count);
    }
}
