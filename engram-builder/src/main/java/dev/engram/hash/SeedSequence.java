package dev.engram.hash;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * NumPy's {@code numpy.random.SeedSequence} (NumPy 1.17 and later), reimplemented bit for bit so that
 * seeds given to this project produce the same streams as {@code numpy.random.default_rng(seed)}.
 *
 * <p>Only non-negative integer entropy without a spawn key is supported, which is what
 * {@code default_rng(int)} uses. All arithmetic is on unsigned 32-bit words, as in NumPy's
 * {@code bit_generator.pyx}.
 */
public final class SeedSequence {
    private static final int POOL_SIZE = 4;
    private static final int INIT_A = 0x43b0d7e5;
    private static final int MULT_A = 0x931e8875;
    private static final int INIT_B = 0x8b51f9dd;
    private static final int MULT_B = 0x58f38ded;
    private static final int MIX_MULT_L = 0xca01f9dd;
    private static final int MIX_MULT_R = 0x4973f715;
    private static final int XSHIFT = 16;

    private final int[] pool = new int[POOL_SIZE];

    /**
     * Creates the sequence NumPy builds for {@code SeedSequence(entropy)}.
     *
     * @throws IllegalArgumentException if {@code entropy} is negative, which NumPy also rejects
     */
    public SeedSequence(BigInteger entropy) {
        if (entropy.signum() < 0) {
            throw new IllegalArgumentException("seed entropy must be non-negative, got " + entropy);
        }
        mixEntropy(toUint32Words(entropy));
    }

    public SeedSequence(long entropy) {
        this(BigInteger.valueOf(entropy));
    }

    /** Splits a non-negative integer into little-endian 32-bit words; zero becomes one zero word. */
    private static int[] toUint32Words(BigInteger value) {
        List<Integer> words = new ArrayList<>();
        BigInteger mask = BigInteger.valueOf(0xFFFF_FFFFL);
        BigInteger rest = value;
        do {
            words.add(rest.and(mask).intValue());
            rest = rest.shiftRight(32);
        } while (rest.signum() > 0);
        return words.stream().mapToInt(Integer::intValue).toArray();
    }

    private void mixEntropy(int[] entropy) {
        int[] hashConst = {INIT_A};
        for (int i = 0; i < POOL_SIZE; i++) {
            pool[i] = hashmix(i < entropy.length ? entropy[i] : 0, hashConst);
        }
        for (int src = 0; src < POOL_SIZE; src++) {
            for (int dst = 0; dst < POOL_SIZE; dst++) {
                if (src != dst) {
                    pool[dst] = mix(pool[dst], hashmix(pool[src], hashConst));
                }
            }
        }
        for (int src = POOL_SIZE; src < entropy.length; src++) {
            for (int dst = 0; dst < POOL_SIZE; dst++) {
                pool[dst] = mix(pool[dst], hashmix(entropy[src], hashConst));
            }
        }
    }

    private static int hashmix(int value, int[] hashConst) {
        value ^= hashConst[0];
        hashConst[0] *= MULT_A;
        value *= hashConst[0];
        value ^= value >>> XSHIFT;
        return value;
    }

    private static int mix(int x, int y) {
        int result = MIX_MULT_L * x - MIX_MULT_R * y;
        result ^= result >>> XSHIFT;
        return result;
    }

    /** Returns {@code generate_state(count, dtype=np.uint64)}: pairs of 32-bit words, low word first. */
    public long[] generateState64(int count) {
        int[] words = generateState32(count * 2);
        long[] state = new long[count];
        for (int i = 0; i < count; i++) {
            state[i] = Integer.toUnsignedLong(words[2 * i]) | ((long) words[2 * i + 1] << 32);
        }
        return state;
    }

    /** Returns {@code generate_state(count, dtype=np.uint32)}. */
    public int[] generateState32(int count) {
        int hashConst = INIT_B;
        int[] state = new int[count];
        for (int i = 0; i < count; i++) {
            int value = pool[i % POOL_SIZE];
            value ^= hashConst;
            hashConst *= MULT_B;
            value *= hashConst;
            value ^= value >>> XSHIFT;
            state[i] = value;
        }
        return state;
    }
}
