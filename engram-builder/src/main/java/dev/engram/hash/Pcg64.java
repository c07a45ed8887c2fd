package dev.engram.hash;

/**
 * NumPy's {@code PCG64} bit generator: a 128-bit linear congruential state with the XSL-RR output
 * function, seeded from a {@link SeedSequence} exactly as {@code numpy.random.PCG64} does.
 *
 * <p>{@link #nextInt()} keeps NumPy's buffering: one 64-bit draw serves two 32-bit draws, low half
 * first, so mixed 32-bit and 64-bit use stays in step with NumPy.
 */
public final class Pcg64 {
    private static final long MULTIPLIER_HIGH = 2549297995355413924L;
    private static final long MULTIPLIER_LOW = 4865540595714422341L;

    private long stateHigh;
    private long stateLow;
    private final long incrementHigh;
    private final long incrementLow;
    private boolean hasBufferedInt;
    private int bufferedInt;

    /** Seeds as {@code numpy.random.PCG64(seed_sequence)}: four 64-bit words give the state and the stream. */
    public Pcg64(SeedSequence seedSequence) {
        long[] words = seedSequence.generateState64(4);
        long initStateHigh = words[0];
        long initStateLow = words[1];
        long initSeqHigh = words[2];
        long initSeqLow = words[3];

        incrementHigh = (initSeqHigh << 1) | (initSeqLow >>> 63);
        incrementLow = (initSeqLow << 1) | 1L;
        stateHigh = 0;
        stateLow = 0;
        step();
        long low = stateLow + initStateLow;
        long carry = Long.compareUnsigned(low, stateLow) < 0 ? 1 : 0;
        stateHigh = stateHigh + initStateHigh + carry;
        stateLow = low;
        step();
    }

    private void step() {
        long productLow = stateLow * MULTIPLIER_LOW;
        long productHigh = Math.unsignedMultiplyHigh(stateLow, MULTIPLIER_LOW)
                + stateLow * MULTIPLIER_HIGH
                + stateHigh * MULTIPLIER_LOW;
        long low = productLow + incrementLow;
        long carry = Long.compareUnsigned(low, productLow) < 0 ? 1 : 0;
        stateHigh = productHigh + incrementHigh + carry;
        stateLow = low;
    }

    /** Advances the state and returns the next unsigned 64-bit output (as a Java long). */
    public long nextLong() {
        step();
        int rotation = (int) (stateHigh >>> 58);
        return Long.rotateRight(stateHigh ^ stateLow, rotation);
    }

    /** Returns the next unsigned 32-bit output (as a Java int), buffered as NumPy does. */
    public int nextInt() {
        if (hasBufferedInt) {
            hasBufferedInt = false;
            return bufferedInt;
        }
        long next = nextLong();
        hasBufferedInt = true;
        bufferedInt = (int) (next >>> 32);
        return (int) next;
    }
}
