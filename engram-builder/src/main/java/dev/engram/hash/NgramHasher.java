package dev.engram.hash;

/**
 * Maps suffix n-grams of compressed ids to table rows, one bucket per (layer, order, head).
 *
 * <p>For position {@code t} and order {@code n}, {@code mix = x[t]*m[0] XOR x[t-1]*m[1] XOR ... XOR
 * x[t-n+1]*m[n-1]} in wrapping int64 arithmetic, where positions before the sequence start hold the
 * compressed pad id. Head {@code k} of that order reads bucket {@code floorMod(mix, prime[k])}. This
 * matches the Engram reference's NumPy code bit for bit.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class NgramHasher {
    private final HashConfig config;
    private final long[][] multipliers;
    private final int[][][] primes;
    private final PrimeModulus[][] moduli;
    /** Per layer and order, the Vector API reducer, or null where the scalar path is used. */
    private final Object[][] vectorBuckets;

    public NgramHasher(HashConfig config) {
        this(config, VECTOR_API_AVAILABLE);
    }

    /** Whether the JVM was started with {@code --add-modules jdk.incubator.vector}; without it hashing stays scalar. */
    static final boolean VECTOR_API_AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    NgramHasher(HashConfig config, boolean useVectorApi) {
        this.config = config;
        int layers = config.layerIds().length;
        this.multipliers = new long[layers][];
        for (int layer = 0; layer < layers; layer++) {
            multipliers[layer] = LayerMultipliers.forLayer(config, config.layerIds()[layer]);
        }
        this.primes = PrimeWalk.walk(config);
        this.moduli = new PrimeModulus[layers][config.headsPerLayer()];
        for (int layer = 0; layer < layers; layer++) {
            for (int order = 0; order < config.maxNgram() - 1; order++) {
                for (int head = 0; head < config.headsPerOrder(); head++) {
                    moduli[layer][order * config.headsPerOrder() + head] = new PrimeModulus(primes[layer][order][head]);
                }
            }
        }
        this.vectorBuckets = new Object[layers][config.maxNgram() - 1];
        for (int layer = 0; layer < layers && useVectorApi; layer++) {
            for (int order = 0; order < config.maxNgram() - 1; order++) {
                if (VectorBuckets.supports(primes[layer][order])) {
                    vectorBuckets[layer][order] = new VectorBuckets(primes[layer][order]);
                }
            }
        }
    }

    public HashConfig config() {
        return config;
    }

    /** Returns a copy of the multipliers of the layer at {@code layerIndex} (an index into {@code layerIds}). */
    public long[] multipliers(int layerIndex) {
        return multipliers[layerIndex].clone();
    }

    /** Returns a copy of the primes of one layer, indexed {@code [order - 2][head]}. */
    public int[][] primes(int layerIndex) {
        int[][] copy = new int[primes[layerIndex].length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = primes[layerIndex][i].clone();
        }
        return copy;
    }

    /** Returns the table size (a prime) of one (layer, order, head). */
    public int prime(int layerIndex, int order, int head) {
        return primes[layerIndex][order - 2][head];
    }

    /**
     * Hashes every position of a sequence for one layer.
     *
     * @param compressedIds the sequence, already mapped through the compressed vocabulary
     * @param out           receives {@code ids.length * headsPerLayer()} buckets; position {@code t}, order
     *                      {@code n}, head {@code k} lands at {@code t * headsPerLayer() + (n - 2) * headsPerOrder() + k}
     * @throws IllegalArgumentException if an id is outside the compressed vocabulary or {@code out} is too small
     */
    public void hashSequence(int[] compressedIds, int layerIndex, int[] out) {
        int headsPerLayer = config.headsPerLayer();
        if (out.length < (long) compressedIds.length * headsPerLayer) {
            throw new IllegalArgumentException("output array has room for " + out.length + " buckets but "
                    + compressedIds.length + " positions need " + (long) compressedIds.length * headsPerLayer);
        }
        int maxNgram = config.maxNgram();
        int history = maxNgram - 1;
        long[] padded = new long[compressedIds.length + history];
        java.util.Arrays.fill(padded, 0, history, config.compressedPadId());
        for (int t = 0; t < compressedIds.length; t++) {
            padded[history + t] = checkId(compressedIds[t], t);
        }

        long[] layerMultipliers = multipliers[layerIndex];
        PrimeModulus[] layerModuli = moduli[layerIndex];
        Object[] layerVectors = vectorBuckets[layerIndex];
        int headsPerOrder = config.headsPerOrder();
        for (int t = 0; t < compressedIds.length; t++) {
            int base = t * headsPerLayer;
            long mix = padded[history + t] * layerMultipliers[0];
            for (int k = 1; k < maxNgram; k++) {
                mix ^= padded[history + t - k] * layerMultipliers[k];
                int first = (k - 1) * headsPerOrder;
                if (layerVectors[k - 1] instanceof VectorBuckets vector) {
                    vector.reduce(mix, out, base + first);
                } else {
                    for (int head = 0; head < headsPerOrder; head++) {
                        out[base + first + head] = (int) layerModuli[first + head].reduce(mix);
                    }
                }
            }
        }
    }

    /** Returns the buckets of a whole sequence for one layer, laid out as in {@link #hashSequence}. */
    public int[] hashSequence(int[] compressedIds, int layerIndex) {
        int[] out = new int[compressedIds.length * config.headsPerLayer()];
        hashSequence(compressedIds, layerIndex, out);
        return out;
    }

    /**
     * Returns the mixed int64 key of one n-gram for one layer, before the per-head modulus.
     *
     * @param ngram compressed ids oldest first, so the last element is the current position; its length is the order
     */
    public long mix(int[] ngram, int layerIndex) {
        int order = ngram.length;
        if (order < 2 || order > config.maxNgram()) {
            throw new IllegalArgumentException("n-gram order must be in [2, " + config.maxNgram() + "], got " + order);
        }
        long[] layerMultipliers = multipliers[layerIndex];
        long mix = 0;
        for (int k = 0; k < order; k++) {
            mix ^= (long) checkId(ngram[order - 1 - k], order - 1 - k) * layerMultipliers[k];
        }
        return mix;
    }

    /** Returns the bucket that head {@code head} of order {@code order} reads for a mixed key. */
    public int bucket(long mix, int layerIndex, int order, int head) {
        return (int) moduli[layerIndex][(order - 2) * config.headsPerOrder() + head].reduce(mix);
    }

    private int checkId(int id, int position) {
        if (id < 0 || id >= config.compressedVocabSize()) {
            throw new IllegalArgumentException("compressed id " + id + " at position " + position
                    + " is outside the compressed vocabulary [0, " + config.compressedVocabSize() + ")");
        }
        return id;
    }
}
