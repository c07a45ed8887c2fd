package dev.engram.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InitVectorsTest {
    @Test
    void sameKeyGivesSameVector() {
        assertArrayEquals(InitVectors.vector(7, 1, 2, 3, 4, 33, 1.0), InitVectors.vector(7, 1, 2, 3, 4, 33, 1.0));
    }

    @Test
    void everyKeyFieldChangesVector() {
        float[] base = InitVectors.vector(7, 1, 2, 3, 4, 8, 1.0);
        assertFalse(Arrays.equals(base, InitVectors.vector(8, 1, 2, 3, 4, 8, 1.0)), "seed");
        assertFalse(Arrays.equals(base, InitVectors.vector(7, 15, 2, 3, 4, 8, 1.0)), "layer");
        assertFalse(Arrays.equals(base, InitVectors.vector(7, 1, 3, 3, 4, 8, 1.0)), "order");
        assertFalse(Arrays.equals(base, InitVectors.vector(7, 1, 2, 4, 4, 8, 1.0)), "head");
        assertFalse(Arrays.equals(base, InitVectors.vector(7, 1, 2, 3, 5, 8, 1.0)), "bucket");
    }

    @Test
    void valuesFollowStandardNormal() {
        // 200,000 draws: the sample mean and variance of N(0, 1) are within 0.01 and 0.02 with overwhelming odds.
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (int bucket = 0; bucket < 6250; bucket++) {
            for (float value : InitVectors.vector(0, 1, 2, 0, bucket, 32, 1.0)) {
                sum += value;
                squares += value * value;
                n++;
            }
        }
        double mean = sum / n;
        assertEquals(0, mean, 0.01);
        assertEquals(1, squares / n - mean * mean, 0.02);
    }

    @Test
    void quantilesMatchNormalTable() {
        // Standard normal quantiles to 9 digits, from any statistics table; Acklam's error is below 1.15e-9 relative.
        assertEquals(0.0, InitVectors.inverseNormal(0.5), 1e-15);
        assertEquals(1.959963985, InitVectors.inverseNormal(0.975), 1e-8);
        assertEquals(-2.326347874, InitVectors.inverseNormal(0.01), 1e-8);
        assertEquals(3.090232306, InitVectors.inverseNormal(0.999), 1e-8);
        assertEquals(-0.674489750, InitVectors.inverseNormal(0.25), 1e-8);
    }

    @Test
    void pinnedValuesNeverChange() {
        // Recorded from the first implementation. Manifests name only the generator, so a change to these
        // values must come with a new generator name, or old tables would read back different vectors.
        float[] vector = InitVectors.vector(0, 1, 2, 0, 0, 3, 1.0);
        assertEquals("splitmix64-acklam-v1", InitVectors.GENERATOR);
        assertArrayEquals(PINNED, vector);
    }

    static final float[] PINNED = {0x1.58daeep0f, 0x1.358c32p0f, -0x1.588bf6p-1f};
}
