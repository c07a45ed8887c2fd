package dev.engram.hash;

/**
 * Floor modulus of a signed 64-bit value by a fixed prime, with the division replaced by a
 * multiply-high: {@code reduce(x) == Math.floorMod(x, prime)} for every long {@code x}.
 *
 * <p>With {@code magic = ceil(2^64 / prime)}, {@code mulhi(u, magic)} is the true quotient of the
 * unsigned value {@code u} or one more, so one conditional add of {@code prime} fixes the
 * remainder. A negative {@code x} is {@code u - 2^64}, so its floor remainder is
 * {@code (u mod prime) - (2^64 mod prime)}, folded back into {@code [0, prime)}.
 */
public final class PrimeModulus {
    private final long prime;
    private final long magic;
    private final long twoTo64ModPrime;

    public PrimeModulus(long prime) {
        if (prime < 2) {
            throw new IllegalArgumentException("modulus must be at least 2, got " + prime);
        }
        this.prime = prime;
        this.magic = Long.divideUnsigned(-1L, prime) + 1;
        this.twoTo64ModPrime = (Long.remainderUnsigned(-1L, prime) + 1) % prime;
    }

    public long prime() {
        return prime;
    }

    /** Returns {@code Math.floorMod(x, prime)}. */
    public long reduce(long x) {
        long quotient = Math.unsignedMultiplyHigh(x, magic);
        long remainder = x - quotient * prime;
        remainder += (remainder >> 63) & prime;
        remainder -= (x >> 63) & twoTo64ModPrime;
        remainder += (remainder >> 63) & prime;
        return remainder;
    }
}
