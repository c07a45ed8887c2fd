package dev.engram.cli;

/**
 * Sizes of the demo that set its running time: BPE vocabulary, optimizer steps per model and evaluation
 * items per task. The defaults fit the whole demo into about 30 minutes on 2 cores, {@code --quick} into
 * about 5.
 *
 * <p>The step counts are fixed rather than a wall-clock stop, so that two runs with the same flags train on
 * the same batches and can be compared. They were sized from the throughput measured on 2 cores with the
 * blas kernels: about 4,000 tokens/s for the Engram model and 5,000 for the baseline.
 *
 * <p>The evaluation limit applies per task and per subtask, so mmlu (57 subtasks) and bbh (27) dominate:
 * every built-in suite together has about 95 tasks, and scoring ran at about 4 items/s.
 *
 * @param vocabSize     ids of the BPE tokenizer trained on the training documents
 * @param steps         optimizer steps of each model, batch {@link #BATCH_SIZE} x {@link #SEQUENCE_LENGTH}
 * @param evalLimit     documents scored per task or subtask; 0 scores all
 */
record DemoBudget(int vocabSize, int steps, int evalLimit) {
    static final int BATCH_SIZE = 8;
    static final int SEQUENCE_LENGTH = 128;

    static DemoBudget of(boolean quick) {
        return quick ? new DemoBudget(4096, 200, 2) : new DemoBudget(8192, 1600, 10);
    }

    long tokensPerModel() {
        return (long) steps * BATCH_SIZE * SEQUENCE_LENGTH;
    }
}
