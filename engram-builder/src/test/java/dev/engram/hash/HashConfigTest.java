package dev.engram.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Invalid addressing configurations are rejected up front with a message naming the setting. */
class HashConfigTest {

    private static HashConfig config(int[] layers, int maxNgram, int heads, int[] sizes, long seed, long vocab, int pad) {
        return new HashConfig(layers, maxNgram, heads, sizes, seed, vocab, pad);
    }

    private static void assertRejected(String expectedFragment, Runnable construction) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(error.getMessage().contains(expectedFragment),
                "message '" + error.getMessage() + "' should contain '" + expectedFragment + "'");
    }

    @Test
    void orderBelowTwoRejected() {
        assertRejected("max-ngram", () -> config(new int[] {1}, 1, 8, new int[] {}, 0, 1000, 0));
    }

    @Test
    void zeroHeadsRejected() {
        assertRejected("heads", () -> config(new int[] {1}, 3, 0, new int[] {100, 100}, 0, 1000, 0));
    }

    @Test
    void tableSizeBelowTwoRejected() {
        assertRejected("order 3", () -> config(new int[] {1}, 3, 2, new int[] {100, 1}, 0, 1000, 0));
    }

    @Test
    void wrongNumberOfTableSizesRejected() {
        assertRejected("table-sizes", () -> config(new int[] {1}, 3, 2, new int[] {100}, 0, 1000, 0));
    }

    @Test
    void collapsedMultiplierBoundRejected() {
        assertRejected("collapses", () -> config(new int[] {1}, 2, 1, new int[] {100}, 0, Long.MAX_VALUE / 2 + 1, 0));
    }

    @Test
    void vocabularyBeyondInt32Rejected() {
        assertRejected("int32", () -> config(new int[] {1}, 2, 1, new int[] {100}, 0, 1L << 40, 0));
    }

    @Test
    void padOutsideVocabularyRejected() {
        assertRejected("pad", () -> config(new int[] {1}, 2, 1, new int[] {100}, 0, 1000, 1000));
    }

    @Test
    void duplicateLayerRejected() {
        assertRejected("listed twice", () -> config(new int[] {1, 1}, 2, 1, new int[] {100}, 0, 1000, 0));
    }

    @Test
    void negativeSeedRejected() {
        assertRejected("seed", () -> config(new int[] {1}, 2, 1, new int[] {100}, -1, 1000, 0));
    }

    @Test
    void idOutsideVocabularyRejectedWithPosition() {
        NgramHasher hasher = new NgramHasher(config(new int[] {1}, 2, 1, new int[] {100}, 0, 1000, 0));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> hasher.hashSequence(new int[] {5, 1000, 7}, 0));
        assertEquals("compressed id 1000 at position 1 is outside the compressed vocabulary [0, 1000)", error.getMessage());
    }

    @Test
    void tinyTablesTakeSmallestPrimes() {
        // Table size 2: the search starts above 1, so the heads take 2, 3, 5 in turn.
        NgramHasher hasher = new NgramHasher(config(new int[] {0}, 2, 3, new int[] {2}, 0, 10, 0));
        assertArrayEquals(new int[] {2, 3, 5}, hasher.primes(0)[0]);
    }
}
