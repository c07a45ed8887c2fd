package dev.engram.table;

/**
 * Generates the initial vector of any table row from (seed, layer id, order, head, bucket) alone, so a
 * shard can be regenerated on its own and a reader can return rows that the shards do not store.
 *
 * <p>The key is folded into a SplitMix64 state one field at a time, then floats are drawn as
 * Box-Muller pairs of N(0, std^2). {@link StrictMath} keeps {@code log}, {@code sqrt}, {@code cos} and
 * {@code sin} bit-identical on every JVM, which {@link Math} does not promise.
 */
public final class InitVectors {
    /** Name recorded in manifests; a different algorithm must get a new name. */
    public static final String GENERATOR = "splitmix64-box-muller-v1";
    /** Standard deviation of the initial vectors, that of a freshly initialised embedding table. */
    public static final double DEFAULT_STD = 1.0;

    private static final double TWO_PI = 2 * Math.PI;

    private InitVectors() {
    }

    public static float[] vector(long seed, int layerId, int order, int head, int bucket, int dim, double std) {
        float[] out = new float[dim];
        fill(seed, layerId, order, head, bucket, std, out, 0, dim);
        return out;
    }

    /** Writes the vector of one row into {@code out[offset, offset + dim)}. */
    public static void fill(long seed, int layerId, int order, int head, int bucket, double std,
                            float[] out, int offset, int dim) {
        long state = mix64(seed);
        state = mix64(state ^ layerId);
        state = mix64(state ^ order);
        state = mix64(state ^ head);
        state = mix64(state ^ bucket);
        for (int i = 0; i < dim; i += 2) {
            state += 0x9E3779B97F4A7C15L;
            double u1 = unitOpenAtZero(mix64(state));
            state += 0x9E3779B97F4A7C15L;
            double u2 = unitOpenAtZero(mix64(state));
            double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * std;
            out[offset + i] = (float) (radius * StrictMath.cos(TWO_PI * u2));
            if (i + 1 < dim) {
                out[offset + i + 1] = (float) (radius * StrictMath.sin(TWO_PI * u2));
            }
        }
    }

    /** Maps 53 random bits to (0, 1], so that {@code log} never gets 0. */
    private static double unitOpenAtZero(long bits) {
        return ((bits >>> 11) + 1) * 0x1.0p-53;
    }

    /** Applies the SplitMix64 finaliser (Steele, Lea and Flood, 2014) to one 64-bit value. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
