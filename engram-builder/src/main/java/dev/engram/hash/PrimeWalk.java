package dev.engram.hash;

import java.util.HashSet;
import java.util.Set;

/**
 * Assigns a distinct prime table size to every (layer, order, head).
 *
 * <p>One set of used primes is shared by the whole walk, which goes layer, then order, then head.
 * Each (layer, order) starts searching just above {@code tableSize - 1}, and each head takes the
 * next prime above the previous head's that no earlier head has taken. Distinct primes keep the
 * heads' collisions independent of each other.
 */
public final class PrimeWalk {
    private PrimeWalk() {
    }

    /** Returns primes indexed as {@code [layerIndex][order - 2][head]}. */
    public static int[][][] walk(HashConfig config) {
        Set<Long> used = new HashSet<>();
        int[][][] primes = new int[config.layerIds().length][config.maxNgram() - 1][config.headsPerOrder()];
        for (int layer = 0; layer < primes.length; layer++) {
            for (int order = 0; order < config.maxNgram() - 1; order++) {
                long searchFrom = config.tableSizePerOrder()[order] - 1L;
                for (int head = 0; head < config.headsPerOrder(); head++) {
                    long prime = nextUnusedPrime(searchFrom, used);
                    if (prime > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("table-sizes: no int32 prime left above "
                                + config.tableSizePerOrder()[order] + " for order " + (order + 2));
                    }
                    used.add(prime);
                    primes[layer][order][head] = (int) prime;
                    searchFrom = prime;
                }
            }
        }
        return primes;
    }

    private static long nextUnusedPrime(long after, Set<Long> used) {
        long candidate = after + 1;
        while (!isPrime(candidate) || used.contains(candidate)) {
            candidate++;
        }
        return candidate;
    }

    static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long divisor = 3; divisor * divisor <= n; divisor += 2) {
            if (n % divisor == 0) {
                return false;
            }
        }
        return true;
    }
}
