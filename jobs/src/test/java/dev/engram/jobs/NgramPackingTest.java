package dev.engram.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NgramPackingTest {
    @Test
    void deepseekPacksUpToOrderThree() {
        // 98,628^3 is about 9.6e14 and 98,628^4 about 9.5e19, above 2^63 - 1 (about 9.2e18).
        assertEquals(3, new NgramPacking(98_627).maxPackedOrder());
    }

    @Test
    void packRoundTripsWithPad() {
        NgramPacking packing = new NgramPacking(98_627);
        int[] ids = {98_626, 0, 17};
        assertArrayEquals(new int[] {-1, -1, 98_626}, packing.unpack(packing.pack(ids, 0, 3), 3));
        assertArrayEquals(new int[] {98_626, 0, 17}, packing.unpack(packing.pack(ids, 2, 3), 3));
        assertArrayEquals(new int[] {0, 17}, packing.unpack(packing.pack(ids, 2, 2), 2));
    }

    @Test
    void keyOrderIsLexicographic() {
        NgramPacking packing = new NgramPacking(10);
        long padFirst = packing.pack(new int[] {3}, 0, 2);
        long zeroFirst = packing.pack(new int[] {0, 3}, 1, 2);
        long oneFirst = packing.pack(new int[] {1, 0}, 1, 2);
        assertTrue(padFirst < zeroFirst);
        assertTrue(zeroFirst < oneFirst);
    }
}
