package dev.engram.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Training and validation windows cut from tokenized documents. Every {@code validationStride}-th document is
 * held out for validation; the rest are concatenated in order into one token stream (packing), each followed
 * by a separator id when one is given, and cut into windows of {@code sequenceLength + 1} ids that overlap by
 * one id, so every token is predicted once per epoch.
 *
 * <p>The batch of step {@code s} depends only on {@code (seed, s)}: each epoch visits the windows in a
 * permutation drawn from {@code seed + epoch}. A resumed run therefore gets the same batches as an
 * uninterrupted one.
 *
 * <p>A window may span the end of one document and the start of the next; attention is not masked there.
 */
public final class TokenBatches {
    private final int[] trainTokens;
    private final int[] validationTokens;
    private final int sequenceLength;
    private final int batchSize;
    private final long seed;
    private final int trainWindows;
    private int cachedEpoch = -1;
    private int[] cachedOrder;

    /**
     * @param separatorId id appended after every document (such as {@code <|endoftext|>}), or -1 for none;
     *                    token shards do not record which id ends a document, so the caller chooses
     */
    public TokenBatches(List<int[]> documents, int validationStride, int separatorId, int sequenceLength,
                        int batchSize, long seed) {
        if (validationStride < 2) {
            throw new IllegalArgumentException("validation stride must be at least 2 (every n-th document held out), got "
                    + validationStride);
        }
        List<int[]> train = new ArrayList<>();
        List<int[]> validation = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            (i % validationStride == validationStride - 1 ? validation : train).add(documents.get(i));
        }
        this.trainTokens = concatenate(train, separatorId);
        this.validationTokens = concatenate(validation, separatorId);
        this.sequenceLength = sequenceLength;
        this.batchSize = batchSize;
        this.seed = seed;
        this.trainWindows = (trainTokens.length - 1) / sequenceLength;
        if (trainWindows < 1) {
            throw new IllegalArgumentException("training documents hold " + trainTokens.length + " tokens, fewer than "
                    + "one window of " + (sequenceLength + 1) + "; use more data or a shorter sequence length");
        }
        if ((validationTokens.length - 1) / sequenceLength < 1) {
            throw new IllegalArgumentException("validation documents (every " + validationStride + "th of "
                    + documents.size() + ") hold " + validationTokens.length + " tokens, fewer than one window of "
                    + (sequenceLength + 1) + "; use more documents or a shorter sequence length");
        }
    }

    private static int[] concatenate(List<int[]> documents, int separatorId) {
        int extra = separatorId >= 0 ? 1 : 0;
        int total = 0;
        for (int[] document : documents) {
            total += document.length + extra;
        }
        int[] tokens = new int[total];
        int at = 0;
        for (int[] document : documents) {
            System.arraycopy(document, 0, tokens, at, document.length);
            at += document.length;
            if (extra == 1) {
                tokens[at++] = separatorId;
            }
        }
        return tokens;
    }

    /** Returns the training batch of 0-based {@code step}: {@code batchSize} windows of {@code sequenceLength + 1} ids. */
    public int[][] trainBatch(int step) {
        int[][] batch = new int[batchSize][];
        for (int b = 0; b < batchSize; b++) {
            long sample = (long) step * batchSize + b;
            int epoch = (int) (sample / trainWindows);
            int window = order(epoch)[(int) (sample % trainWindows)];
            batch[b] = window(trainTokens, window);
        }
        return batch;
    }

    /** Returns validation batch {@code index}; windows run through the held-out stream in order and wrap around. */
    public int[][] validationBatch(int index) {
        int windows = (validationTokens.length - 1) / sequenceLength;
        int[][] batch = new int[batchSize][];
        for (int b = 0; b < batchSize; b++) {
            batch[b] = window(validationTokens, (index * batchSize + b) % windows);
        }
        return batch;
    }

    private int[] window(int[] tokens, int window) {
        int[] ids = new int[sequenceLength + 1];
        System.arraycopy(tokens, window * sequenceLength, ids, 0, sequenceLength + 1);
        return ids;
    }

    private int[] order(int epoch) {
        if (epoch != cachedEpoch) {
            int[] order = new int[trainWindows];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Random random = new Random(seed * 1_000_003L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            cachedOrder = order;
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }

    /** Returns the number of training tokens, the length of one epoch. */
    public int trainTokenCount() {
        return trainTokens.length;
    }

    /** Returns the number of held-out tokens. */
    public int validationTokenCount() {
        return validationTokens.length;
    }
}
