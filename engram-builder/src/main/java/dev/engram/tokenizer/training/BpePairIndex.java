package dev.engram.tokenizer.training;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/** Total count and containing pre-tokens of every adjacent pair, plus the queue of merge candidates. */
final class BpePairIndex {
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

    static BpePairIndex of(BpeWords words) {
        BpePairIndex index = new BpePairIndex();
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
    void merge(BpeWords words, int left, int right, int merged) {
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
