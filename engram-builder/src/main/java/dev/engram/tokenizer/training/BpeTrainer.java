package dev.engram.tokenizer.training;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns byte-level BPE merges from pre-token counts until the vocabulary reaches a target size.
 *
 * <p>Each pre-token (a piece from {@link ByteLevelPreTokenizer#split}) starts as its UTF-8 bytes. Each
 * step merges the adjacent pair of ids with the highest total count, weighting a pre-token by its count,
 * and rewrites every occurrence left to right without overlap. Ties go to the smaller pair of ids,
 * compared by left id and then by right id. The Hugging Face trainer ({@code Merge}'s ordering in
 * tokenizers' {@code models/bpe/trainer.rs}) applies the same rule, but to its own ids, which number
 * the bytes in code point order of their alphabet characters, so its merges can differ on ties. The
 * result depends only on the counts, never on map iteration order or thread timing.
 *
 * <p>Training stops when the vocabulary contains {@code vocabSize} ids (special tokens, 256 bytes and
 * merged tokens) or when no adjacent pair is left. A merge whose token string already exists (the same
 * bytes reached by another split) maps to the existing id, as in the Hugging Face trainer, so it adds a
 * merge but no id.
 *
 * <p>Pair counts are updated incrementally by {@link BpePairIndex}: a merge only rewrites the pre-tokens that contain its pair,
 * found through a per-pair list of pre-token indices, and a priority queue contains the candidate pairs. A
 * queue entry may carry a stale count that is too high. The loop re-queues such an entry with its current
 * count when it reaches the head, so the pair taken is always the true maximum.
 */
public final class BpeTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(BpeTrainer.class);

    private final int vocabSize;
    private final List<String> specialTokens;

    /**
     * Creates a trainer for the standard special tokens {@link BpeModel#SPECIAL_TOKENS}.
     *
     * @throws IllegalArgumentException if {@code vocabSize} cannot hold the special tokens and 256 bytes
     */
    public BpeTrainer(int vocabSize) {
        this(vocabSize, BpeModel.SPECIAL_TOKENS);
    }

    /**
     * Creates a trainer whose vocabulary starts with the given special tokens.
     *
     * @throws IllegalArgumentException if {@code vocabSize} cannot hold the special tokens and 256 bytes
     */
    public BpeTrainer(int vocabSize, List<String> specialTokens) {
        int minimum = minimumVocabSize(specialTokens.size());
        if (vocabSize < minimum) {
            throw new IllegalArgumentException("vocabulary size must be at least " + minimum + " (" + specialTokens.size()
                    + " special tokens + 256 byte tokens), got " + vocabSize);
        }
        this.vocabSize = vocabSize;
        this.specialTokens = List.copyOf(specialTokens);
    }

    /** Returns the smallest vocabulary size that fits the special tokens and the 256 byte tokens. */
    public static int minimumVocabSize(int specialTokenCount) {
        return specialTokenCount + BpeModel.BYTE_TOKENS;
    }

    /**
     * Learns merges from pre-token counts.
     *
     * @param preTokenCounts count of each distinct pre-token, as text; counts must be positive
     * @throws IllegalArgumentException if a count is not positive
     */
    public BpeModel train(Map<String, Long> preTokenCounts) {
        long start = System.nanoTime();
        BpeModel initial = BpeModel.bytesOnly(specialTokens);
        List<String> tokens = new ArrayList<>(initial.tokens());
        Map<String, Integer> idsByToken = initial.idsByToken();
        BpeWords words = BpeWords.of(preTokenCounts, initial);
        BpePairIndex pairs = BpePairIndex.of(words);

        List<BpeModel.Merge> merges = new ArrayList<>();
        Set<Long> mergedPairs = new HashSet<>();
        while (tokens.size() < vocabSize) {
            BpePairIndex.Candidate best = pairs.pollMax();
            if (best == null) {
                break;
            }
            long pair = best.pair();
            if (!mergedPairs.add(pair)) {
                // Only reachable after a merge reused an id: its pair existed before and was merged already.
                continue;
            }
            int left = BpePairIndex.left(pair);
            int right = BpePairIndex.right(pair);
            String token = tokens.get(left) + tokens.get(right);
            // Limitation: no test reaches a reused id, because no corpus tried so far (random ones included)
            // produced the same token string from two different splits.
            Integer existing = idsByToken.get(token);
            int merged = existing != null ? existing : tokens.size();
            if (existing == null) {
                tokens.add(token);
                idsByToken.put(token, merged);
            }
            merges.add(new BpeModel.Merge(left, right, merged));
            pairs.merge(words, left, right, merged);
        }

        LOG.info("Trained BPE: {} distinct pre-tokens ({} occurrences), {} merges, {} ids (target {}) in {} s",
                preTokenCounts.size(), occurrences(preTokenCounts), merges.size(), tokens.size(), vocabSize,
                String.format("%.2f", (System.nanoTime() - start) / 1e9));
        return new BpeModel(tokens, specialTokens, merges);
    }

    private static long occurrences(Map<String, Long> preTokenCounts) {
        long total = 0;
        for (long count : preTokenCounts.values()) {
            total += count;
        }
        return total;
    }
}
