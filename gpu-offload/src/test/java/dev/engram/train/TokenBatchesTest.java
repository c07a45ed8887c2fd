package dev.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenBatchesTest {
    private static final List<int[]> DOCUMENTS = List.of(new int[] {1, 2, 3}, new int[] {4, 5},
            new int[] {6, 7, 8, 9}, new int[] {10, 11, 12});

    @Test
    void separatorFollowsEveryDocument() {
        // Stride 3 holds out document 2; the rest pack to 1 2 3 0 4 5 0 10 11 12 0.
        TokenBatches batches = new TokenBatches(DOCUMENTS, 3, 0, 2, 1, 5);

        assertEquals(11, batches.trainTokenCount());
        assertEquals(5, batches.validationTokenCount());
        assertArrayEquals(new int[] {6, 7, 8}, batches.validationBatch(0)[0]);
        assertArrayEquals(new int[] {8, 9, 0}, batches.validationBatch(1)[0]);
    }

    @Test
    void epochVisitsEveryWindowOnce() {
        TokenBatches batches = new TokenBatches(DOCUMENTS, 3, 0, 2, 1, 5);
        // (11 - 1) / 2 = 5 windows start at offsets 0, 2, 4, 6, 8 of 1 2 3 0 4 5 0 10 11 12 0.
        Set<Integer> firstIds = new HashSet<>();
        for (int step = 0; step < 5; step++) {
            firstIds.add(batches.trainBatch(step)[0][0]);
        }
        assertEquals(Set.of(1, 3, 4, 0, 11), firstIds);
        assertArrayEquals(batches.trainBatch(3)[0], new TokenBatches(DOCUMENTS, 3, 0, 2, 1, 5).trainBatch(3)[0],
                "same seed and step give the same window");
    }

    @Test
    void noSeparatorJoinsDocumentsDirectly() {
        TokenBatches batches = new TokenBatches(DOCUMENTS, 3, -1, 2, 1, 5);
        assertEquals(8, batches.trainTokenCount());
        assertEquals(4, batches.validationTokenCount());
    }
}
