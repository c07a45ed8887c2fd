package dev.engram.hash;

/**
 * NumPy's {@code Generator.integers(low, high, size, dtype=np.int64)} with the default
 * {@code endpoint=False}: Lemire's nearly-divisionless bounded draws, using the 32-bit path when
 * the range fits 32 bits and the 64-bit path otherwise, as in NumPy's {@code distributions.c}.
 */
public final class BoundedIntegers {
    private BoundedIntegers() {
    }

    /**
     * Draws {@code count} integers uniformly from {@code [low, high)} and returns them in draw order.
     *
     * @throws IllegalArgumentException if {@code high <= low}, which NumPy rejects as well
     */
    public static long[] draw(Pcg64 generator, long low, long high, int count) {
        if (high <= low) {
            throw new IllegalArgumentException("integers: high (" + high + ") must be greater than low (" + low + ")");
        }
        long range = high - 1 - low;
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = low + next(generator, range);
        }
        return out;
    }

    private static long next(Pcg64 generator, long range) {
        if (range == 0) {
            return 0;
        }
        if (Long.compareUnsigned(range, 0xFFFF_FFFFL) <= 0) {
            if (range == 0xFFFF_FFFFL) {
                return Integer.toUnsignedLong(generator.nextInt());
            }
            return Integer.toUnsignedLong(lemire32(generator, (int) range));
        }
        if (range == -1L) {
            return generator.nextLong();
        }
        return lemire64(generator, range);
    }

    private static int lemire32(Pcg64 generator, int range) {
        long exclusive = Integer.toUnsignedLong(range) + 1;
        long product = Integer.toUnsignedLong(generator.nextInt()) * exclusive;
        long leftover = product & 0xFFFF_FFFFL;
        if (leftover < exclusive) {
            long threshold = (0xFFFF_FFFFL - Integer.toUnsignedLong(range)) % exclusive;
            while (leftover < threshold) {
                product = Integer.toUnsignedLong(generator.nextInt()) * exclusive;
                leftover = product & 0xFFFF_FFFFL;
            }
        }
        return (int) (product >>> 32);
    }

    private static long lemire64(Pcg64 generator, long range) {
        long exclusive = range + 1;
        long x = generator.nextLong();
        long leftover = x * exclusive;
        if (Long.compareUnsigned(leftover, exclusive) < 0) {
            long threshold = Long.remainderUnsigned(-1L - range, exclusive);
            while (Long.compareUnsigned(leftover, threshold) < 0) {
                x = generator.nextLong();
                leftover = x * exclusive;
            }
        }
        return Math.unsignedMultiplyHigh(x, exclusive);
    }
}
