package dev.engram.hash;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reduces one mixed key by all heads of an order at once with the Java Vector API, one head per lane.
 *
 * <p>Doubles carry the arithmetic because the JDK has no vector 64-bit multiply-high. Splitting
 * {@code mix = hi * 2^32 + lo} (signed {@code hi}, unsigned {@code lo}) gives
 * {@code y = hi * (2^32 mod p) + lo}, which is congruent to {@code mix} modulo {@code p} and exact in a
 * double while {@code p < 2^21}, because then {@code |y| < 2^52 + 2^32}. The quotient {@code y / p}
 * rounded to the nearest integer (with the add-and-subtract {@code 1.5 * 2^52} trick, since the Vector API
 * has no floor) is the floor quotient or one off either way, and {@code y - q * p} computed with one
 * fused multiply-add is exact, so two conditional corrections give {@code floorMod(mix, p)}.
 * {@link PrimeModulus} is the scalar reference; a test checks that both agree.
 */
final class VectorBuckets {
    /** Largest prime for which every intermediate above stays below 2^52, where doubles are exact. */
    static final int MAX_PRIME = 1 << 21;

    /** Adding and subtracting this rounds a double below 2^51 in magnitude to the nearest integer. */
    private static final double ROUNDING_SHIFTER = 1.5 * (1L << 52);

    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS =
            VectorSpecies.of(int.class, jdk.incubator.vector.VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

    private final int heads;
    private final double[] primes;
    private final double[] inversePrimes;
    private final double[] twoTo32ModPrimes;

    VectorBuckets(int[] orderPrimes) {
        this.heads = orderPrimes.length;
        int padded = DOUBLES.loopBound(heads) + (heads % DOUBLES.length() == 0 ? 0 : DOUBLES.length());
        this.primes = new double[padded];
        this.inversePrimes = new double[padded];
        this.twoTo32ModPrimes = new double[padded];
        for (int i = 0; i < padded; i++) {
            // Padding lanes use a harmless modulus; their results are never stored.
            long prime = i < heads ? orderPrimes[i] : 3;
            primes[i] = prime;
            inversePrimes[i] = 1.0 / prime;
            twoTo32ModPrimes[i] = (1L << 32) % prime;
        }
    }

    static boolean supports(int[] orderPrimes) {
        for (int prime : orderPrimes) {
            if (prime >= MAX_PRIME) {
                return false;
            }
        }
        return true;
    }

    /** Writes {@code floorMod(mix, prime[k])} for every head k to {@code out[offset + k]}. */
    void reduce(long mix, int[] out, int offset) {
        DoubleVector high = DoubleVector.broadcast(DOUBLES, (double) (mix >> 32));
        DoubleVector low = DoubleVector.broadcast(DOUBLES, (double) (mix & 0xFFFF_FFFFL));
        for (int head = 0; head < heads; head += DOUBLES.length()) {
            DoubleVector prime = DoubleVector.fromArray(DOUBLES, primes, head);
            DoubleVector y = high.fma(DoubleVector.fromArray(DOUBLES, twoTo32ModPrimes, head), low);
            DoubleVector quotient = y.mul(DoubleVector.fromArray(DOUBLES, inversePrimes, head))
                    .add(ROUNDING_SHIFTER)
                    .sub(ROUNDING_SHIFTER);
            DoubleVector remainder = quotient.neg().fma(prime, y);
            remainder = remainder.add(prime, remainder.compare(VectorOperators.LT, 0.0));
            remainder = remainder.sub(prime, remainder.compare(VectorOperators.GE, prime));
            IntVector buckets = (IntVector) remainder.convertShape(VectorOperators.D2I, INTS, 0);
            if (head + DOUBLES.length() <= heads) {
                buckets.intoArray(out, offset + head);
            } else {
                VectorMask<Integer> tail = INTS.indexInRange(head, heads);
                buckets.intoArray(out, offset + head, tail);
            }
        }
    }
}
