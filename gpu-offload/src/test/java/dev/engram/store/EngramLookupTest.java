package dev.engram.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.hash.HashConfig;
import dev.engram.hash.NgramHasher;
import dev.engram.safetensors.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Gathering from a native-memory table: each row's values encode its own row number, so a wrong row shows. */
class EngramLookupTest {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int WIDTH = 3;

    private static NgramHasher hasher() {
        return new NgramHasher(new HashConfig(new int[] {1}, 3, 2, new int[] {11, 13}, 0, 40, 0));
    }

    private static EngramTable table(Arena arena, long rows) {
        MemorySegment segment = arena.allocate(rows * WIDTH * 4);
        for (long row = 0; row < rows; row++) {
            for (int c = 0; c < WIDTH; c++) {
                segment.setAtIndex(F32, row * WIDTH + c, row * 10 + c);
            }
        }
        return new SegmentTable(segment, DType.F32, rows, WIDTH);
    }

    @Test
    void gatherReadsHashedRowsAtHeadOffsets() {
        NgramHasher hasher = hasher();
        int[][] primes = hasher.primes(0);
        long rows = EngramLookup.tableRows(hasher, 0);
        assertEquals((long) primes[0][0] + primes[0][1] + primes[1][0] + primes[1][1], rows);
        try (Arena arena = Arena.ofConfined()) {
            EngramLookup lookup = new EngramLookup(hasher, new EngramTable[] {table(arena, rows)});
            int[] ids = {4, 9, 2, 33, 9};
            float[] gathered = lookup.gather(0, ids, 0);
            int[] buckets = hasher.hashSequence(ids, 0);
            long[] offsets = {0, primes[0][0], primes[0][0] + primes[0][1], primes[0][0] + primes[0][1] + primes[1][0]};
            for (int t = 0; t < ids.length; t++) {
                for (int head = 0; head < 4; head++) {
                    long row = offsets[head] + buckets[t * 4 + head];
                    int at = (t * 4 + head) * WIDTH;
                    assertEquals(row * 10, gathered[at], "position " + t + " head " + head);
                }
            }
        }
    }

    @Test
    void windowWithContextMatchesWholeSequence() {
        NgramHasher hasher = hasher();
        try (Arena arena = Arena.ofConfined()) {
            EngramLookup lookup = new EngramLookup(hasher, new EngramTable[] {table(arena, EngramLookup.tableRows(hasher, 0))});
            int[] ids = {4, 9, 2, 33, 9, 17};
            float[] whole = lookup.gather(0, ids, 0);
            // Positions 4 and 5 with their two ids of n-gram context in front.
            float[] tail = lookup.gather(0, new int[] {2, 33, 9, 17}, 2);
            float[] expected = java.util.Arrays.copyOfRange(whole, 4 * 4 * WIDTH, 6 * 4 * WIDTH);
            assertArrayEquals(expected, tail);
        }
    }

    @Test
    void prefetcherCountsRequestsAndHits() {
        NgramHasher hasher = hasher();
        try (Arena arena = Arena.ofShared();
             RowPrefetcher prefetcher = new RowPrefetcher(
                     new EngramLookup(hasher, new EngramTable[] {table(arena, EngramLookup.tableRows(hasher, 0))}), true)) {
            PrefetchedRows rows = prefetcher.submit(new int[] {1, 2, 3}, 0);
            float[] first = rows.rows(0);
            assertEquals(3 * 4 * WIDTH, first.length);
            assertEquals(1, prefetcher.requests());
            double hitRate = prefetcher.hitRate();
            assertTrue(hitRate == 0 || hitRate == 1, "hit rate " + hitRate);
        }
    }
}
