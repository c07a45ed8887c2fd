package dev.engram.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast bucket reductions against {@link Math#floorMod(long, long)}, which is what NumPy's {@code %}
 * computes for int64. Random keys come from a fixed seed, printed in each failure message.
 */
class BucketReductionTest {
    private static final long SEED = 20261204L;
    private static final long[] EDGE_KEYS = {
        0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 1L << 32, -(1L << 32), 0xFFFF_FFFFL,
        -0xFFFF_FFFFL, 646403L * 646411L, -646403L * 646411L
    };

    @Test
    void primeModulusEqualsFloorMod() {
        SplittableRandom random = new SplittableRandom(SEED);
        int[] primes = {2, 3, 5, 646403, 1_048_573, 2_097_143, 2_147_483_629};
        for (int prime : primes) {
            PrimeModulus modulus = new PrimeModulus(prime);
            for (long key : EDGE_KEYS) {
                assertEquals(Math.floorMod(key, prime), modulus.reduce(key), "key " + key + " prime " + prime);
            }
            for (int i = 0; i < 200_000; i++) {
                long key = random.nextLong();
                assertEquals(Math.floorMod(key, prime), modulus.reduce(key),
                        "seed " + SEED + " key " + key + " prime " + prime);
            }
        }
    }

    @Test
    void vectorBucketsEqualFloorModForEveryHead() {
        SplittableRandom random = new SplittableRandom(SEED);
        // 11 heads exercise a full vector plus a masked tail on every species width.
        int[] primes = {3, 5, 7, 646403, 646411, 646421, 1_000_003, 1_048_573, 2_097_143, 99_991, 13};
        VectorBuckets buckets = new VectorBuckets(primes);
        int[] out = new int[primes.length + 2];
        for (int i = 0; i < 200_000 + EDGE_KEYS.length; i++) {
            long key = i < EDGE_KEYS.length ? EDGE_KEYS[i] : random.nextLong();
            out[0] = -7;
            out[out.length - 1] = -7;
            buckets.reduce(key, out, 1);
            int[] expected = new int[out.length];
            expected[0] = -7;
            expected[out.length - 1] = -7;
            for (int head = 0; head < primes.length; head++) {
                expected[head + 1] = (int) Math.floorMod(key, (long) primes[head]);
            }
            assertArrayEquals(expected, out, "seed " + SEED + " key " + key);
        }
    }

    @Test
    void vectorPathOnlyForPrimesBelowLimit() {
        assertTrue(VectorBuckets.supports(new int[] {646403, VectorBuckets.MAX_PRIME - 1}));
        assertEquals(false, VectorBuckets.supports(new int[] {646403, VectorBuckets.MAX_PRIME + 1}));
    }

    @Test
    void vectorAndScalarHashersAgree() {
        SplittableRandom random = new SplittableRandom(SEED);
        HashConfig small = new HashConfig(new int[] {0, 3}, 4, 5, new int[] {1000, 2000, 3000}, 7, 50_000, 1);
        HashConfig large = new HashConfig(new int[] {2}, 3, 3, new int[] {3_000_000, 646_400}, 1, 129_000, 0);
        for (HashConfig config : new HashConfig[] {small, large}) {
            NgramHasher vector = new NgramHasher(config, true);
            NgramHasher scalar = new NgramHasher(config, false);
            int[] ids = random.ints(5_000, 0, (int) config.compressedVocabSize()).toArray();
            for (int layer = 0; layer < config.layerIds().length; layer++) {
                assertArrayEquals(scalar.hashSequence(ids, layer), vector.hashSequence(ids, layer), config.toString());
            }
        }
    }

    @Test
    void primeModulusRejectsTooSmallModulus() {
        assertThrows(IllegalArgumentException.class, () -> new PrimeModulus(1));
    }
}
