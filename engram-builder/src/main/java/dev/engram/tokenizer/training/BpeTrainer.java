package dev.engram.tokenizer.training;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
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
 * <p>Pair counts are updated incrementally: a merge only rewrites the pre-tokens that contain its pair,
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
        Words words = Words.of(preTokenCounts, initial);
        PairIndex pairs = PairIndex.of(words);

        List<BpeModel.Merge> merges = new ArrayList<>();
        Set<Long> mergedPairs = new HashSet<>();
        while (tokens.size() < vocabSize) {
            PairIndex.Candidate best = pairs.pollMax();
            if (best == null) {
                break;
            }
            long pair = best.pair();
            if (!mergedPairs.add(pair)) {
                // Only reachable after a merge reused an id: its pair existed before and was merged already.
                continue;
            }
            int left = PairIndex.left(pair);
            int right = PairIndex.right(pair);
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

    /** The distinct pre-tokens as id sequences, rewritten in place as merges apply. */
    static final class Words {
        final int[][] symbols;
        final long[] counts;

        private Words(int[][] symbols, long[] counts) {
            this.symbols = symbols;
            this.counts = counts;
        }

        static Words of(Map<String, Long> preTokenCounts, BpeModel bytesOnly) {
            // Sorting fixes the pre-token order, so logs and intermediate state do not depend on the map type.
            TreeMap<String, Long> sorted = new TreeMap<>(preTokenCounts);
            List<int[]> symbols = new ArrayList<>(sorted.size());
            List<Long> counts = new ArrayList<>(sorted.size());
            for (Map.Entry<String, Long> entry : sorted.entrySet()) {
                long count = entry.getValue();
                if (count <= 0) {
                    throw new IllegalArgumentException("pre-token counts must be positive, got " + count
                            + " for " + describe(entry.getKey()));
                }
                byte[] bytes = entry.getKey().getBytes(StandardCharsets.UTF_8);
                if (bytes.length < 2) {
                    continue;
                }
                int[] ids = new int[bytes.length];
                for (int i = 0; i < bytes.length; i++) {
                    ids[i] = bytesOnly.byteId(bytes[i] & 0xFF);
                }
                symbols.add(ids);
                counts.add(count);
            }
            return new Words(symbols.toArray(int[][]::new), counts.stream().mapToLong(Long::longValue).toArray());
        }

        private static String describe(String preToken) {
            return "pre-token \"" + preToken.replace("\n", "\\n") + "\"";
        }
    }

    /** Total count and containing pre-tokens of every adjacent pair, plus the queue of merge candidates. */
    static final class PairIndex {
        private final Map<Long, PairStats> stats = new HashMap<>();
        private final PriorityQueue<Candidate> queue = new PriorityQueue<>();
        /** Last merge step that rewrote each pre-token, so a pre-token listed twice is rewritten once. */
        private int[] visitedAtStep;
        private int step;

        record Candidate(long count, long pair) implements Comparable<Candidate> {
            @Override
            public int compareTo(Candidate other) {
                if (count != other.count) {
                    return Long.compare(other.count, count);
                }
                // Both ids are non-negative ints, so comparing the packed longs compares left, then right.
                return Long.compare(pair, other.pair);
            }
        }

        static PairIndex of(Words words) {
            PairIndex index = new PairIndex();
            index.visitedAtStep = new int[words.symbols.length];
            for (int w = 0; w < words.symbols.length; w++) {
                int[] ids = words.symbols[w];
                for (int i = 0; i + 1 < ids.length; i++) {
                    PairStats pairStats = index.stats.computeIfAbsent(pack(ids[i], ids[i + 1]), key -> new PairStats());
                    pairStats.count += words.counts[w];
                    pairStats.addWord(w);
                }
            }
            for (Map.Entry<Long, PairStats> entry : index.stats.entrySet()) {
                index.queue.add(new Candidate(entry.getValue().count, entry.getKey()));
            }
            return index;
        }

        static long pack(int left, int right) {
            return ((long) left << 32) | right;
        }

        static int left(long pair) {
            return (int) (pair >>> 32);
        }

        static int right(long pair) {
            return (int) pair;
        }

        /** Removes and returns the pair with the highest current count, or null when no pair occurs any more. */
        Candidate pollMax() {
            Candidate head;
            while ((head = queue.poll()) != null) {
                PairStats current = stats.get(head.pair());
                long count = current == null ? 0 : current.count;
                if (count == head.count() && count > 0) {
                    return head;
                }
                if (count > 0) {
                    queue.add(new Candidate(count, head.pair()));
                }
            }
            return null;
        }

        /** Rewrites every pre-token containing {@code left, right} and updates the pair counts. */
        void merge(Words words, int left, int right, int merged) {
            step++;
            long pair = pack(left, right);
            PairStats mergedStats = stats.remove(pair);
            Map<Long, Long> changes = new HashMap<>();
            for (int k = 0; k < mergedStats.size; k++) {
                int w = mergedStats.words[k];
                if (visitedAtStep[w] == step) {
                    continue;
                }
                visitedAtStep[w] = step;
                int[] before = words.symbols[w];
                int[] after = applyMerge(before, left, right, merged);
                if (after == before) {
                    continue;
                }
                long count = words.counts[w];
                for (int i = 0; i + 1 < before.length; i++) {
                    changes.merge(pack(before[i], before[i + 1]), -count, Long::sum);
                }
                for (int i = 0; i + 1 < after.length; i++) {
                    long afterPair = pack(after[i], after[i + 1]);
                    changes.merge(afterPair, count, Long::sum);
                    // Pairs away from the merged id were in the pre-token before, so their lists hold it already.
                    if (after[i] == merged || after[i + 1] == merged) {
                        stats.computeIfAbsent(afterPair, key -> new PairStats()).addWord(w);
                    }
                }
                words.symbols[w] = after;
            }

            changes.remove(pair);
            for (Map.Entry<Long, Long> change : changes.entrySet()) {
                long delta = change.getValue();
                if (delta == 0) {
                    continue;
                }
                PairStats pairStats = stats.computeIfAbsent(change.getKey(), key -> new PairStats());
                pairStats.count += delta;
                if (delta > 0) {
                    // Counts only fall for pairs already queued, so those entries stay upper bounds; a rise needs a new entry.
                    queue.add(new Candidate(pairStats.count, change.getKey()));
                }
            }
        }

        /** Returns the ids with each non-overlapping {@code left, right}, scanned left to right, replaced by {@code merged}. */
        static int[] applyMerge(int[] ids, int left, int right, int merged) {
            int[] out = null;
            int length = 0;
            for (int i = 0; i < ids.length; i++) {
                boolean match = i + 1 < ids.length && ids[i] == left && ids[i + 1] == right;
                if (match && out == null) {
                    out = new int[ids.length - 1];
                    System.arraycopy(ids, 0, out, 0, i);
                    length = i;
                }
                if (out == null) {
                    continue;
                }
                if (match) {
                    out[length++] = merged;
                    i++;
                } else {
                    out[length++] = ids[i];
                }
            }
            return out == null ? ids : Arrays.copyOf(out, length);
        }
    }

    /** Running count of one pair and the pre-tokens that contained it when it was last added to. */
    private static final class PairStats {
        long count;
        int[] words = new int[2];
        int size;

        void addWord(int word) {
            if (size > 0 && words[size - 1] == word) {
                return;
            }
            if (size == words.length) {
                words = Arrays.copyOf(words, size * 2);
            }
            words[size++] = word;
        }
    }
}
