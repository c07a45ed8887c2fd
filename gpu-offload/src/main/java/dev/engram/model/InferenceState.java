package dev.engram.model;

/**
 * The per-sequence state kept between forward calls: the key/value cache of every layer, the compressed
 * ids seen so far (n-gram context for hashing) and each Engram block's convolution history.
 * Prefill and decoding both append to it, so decoding token by token gives the prefill logits.
 *
 * <p>Not thread-safe: one sequence, one caller.
 */
public final class InferenceState {
    private final int capacity;
    private final float[][] keys;
    private final float[][] values;
    private final int[] compressedIds;
    private final float[][] convHistory;
    private final int convHistoryRows;
    /** Gate values per Engram layer and position, or null unless {@link #recordGates()} was called. */
    private float[][] gates;
    private int position;

    InferenceState(ModelConfig config, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 token, got " + capacity);
        }
        this.capacity = capacity;
        int kvWidth = config.numKvHeads() * config.headDim();
        this.keys = new float[config.numLayers()][capacity * kvWidth];
        this.values = new float[config.numLayers()][capacity * kvWidth];
        this.compressedIds = config.hasEngram() ? new int[capacity] : new int[0];
        EngramConfig engram = config.engram();
        this.convHistoryRows = engram == null ? 0 : (engram.kernelSize() - 1) * engram.convDilation();
        int engramLayers = engram == null ? 0 : engram.layerIds().length;
        this.convHistory = new float[engramLayers][convHistoryRows * config.hiddenSize()];
    }

    /** Returns the number of tokens processed so far, which is the position of the next one. */
    public int position() {
        return position;
    }

    /** Returns the most tokens this state can hold. */
    public int capacity() {
        return capacity;
    }

    float[] keys(int layer) {
        return keys[layer];
    }

    float[] values(int layer) {
        return values[layer];
    }

    int[] compressedIds() {
        return compressedIds;
    }

    /**
     * Returns the last {@link #convHistoryRows()} normalized values fed to an Engram block's convolution,
     * oldest first; zeros stand for positions before the sequence start, as the convolution's zero padding.
     */
    float[] convHistory(int engramIndex) {
        return convHistory[engramIndex];
    }

    int convHistoryRows() {
        return convHistoryRows;
    }

    void advance(int tokens) {
        position += tokens;
    }

    /**
     * Makes later forward calls keep every Engram layer's gate value alpha per position, for plots of
     * where the memory is used. Positions processed before this call are not recorded.
     */
    public void recordGates() {
        gates = new float[convHistory.length][capacity];
    }

    /** Returns the recorded gate values of one Engram layer (by index into its layer ids), one per position so far. */
    public float[] gates(int engramIndex) {
        if (gates == null) {
            throw new IllegalStateException("gate values were not recorded; call recordGates() before forward");
        }
        return java.util.Arrays.copyOf(gates[engramIndex], position);
    }

    void storeGates(int engramIndex, int start, float[] alpha, int tokens) {
        if (gates != null) {
            System.arraycopy(alpha, 0, gates[engramIndex], start, tokens);
        }
    }
}
