package dev.engram.hash;

import java.math.BigInteger;

/**
 * Per-layer odd multipliers, one per n-gram position, drawn exactly as the Engram reference does:
 * {@code default_rng(seed + 10007 * layer_id).integers(0, half_bound, size=max_ngram, dtype=int64) * 2 + 1}.
 */
public final class LayerMultipliers {
    static final long LAYER_SEED_STRIDE = 10007;

    private LayerMultipliers() {
    }

    /** Returns the {@code maxNgram} multipliers of one layer; index k multiplies the id k positions back. */
    public static long[] forLayer(HashConfig config, int layerId) {
        BigInteger entropy = BigInteger.valueOf(config.seed())
                .add(BigInteger.valueOf(LAYER_SEED_STRIDE).multiply(BigInteger.valueOf(layerId)));
        Pcg64 generator = new Pcg64(new SeedSequence(entropy));
        long[] halves = BoundedIntegers.draw(generator, 0, config.multiplierHalfBound(), config.maxNgram());
        long[] multipliers = new long[halves.length];
        for (int i = 0; i < halves.length; i++) {
            multipliers[i] = halves[i] * 2 + 1;
        }
        return multipliers;
    }
}
