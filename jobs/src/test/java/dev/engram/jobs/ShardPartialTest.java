package dev.engram.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Merging per-task partials in any grouping gives the rows of one table fed everything. */
class ShardPartialTest {
    record Item(int bucket, int[] ngram, long count) {
    }

    static ShardPartial aggregate(List<Item> items) {
        BucketTable table = new BucketTable();
        for (Item item : items) {
            table.add(item.bucket(), item.ngram(), item.count());
        }
        return table.toPartial();
    }

    @Test
    void mergeOrderDoesNotMatter() {
        long seed = 77L;
        Random random = new Random(seed);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            // Counts from a small range make ties common, so the lexicographic tie-break is exercised.
            items.add(new Item(random.nextInt(300), new int[] {i % 97, i / 97}, 1 + random.nextInt(4)));
        }
        ShardPartial whole = aggregate(items);

        Collections.shuffle(items, random);
        ShardPartial merged = aggregate(items.subList(0, 700));
        merged = ShardPartial.merge(aggregate(items.subList(1500, 2000)), merged);
        merged = ShardPartial.merge(merged, aggregate(items.subList(700, 1500)));

        assertArrayEquals(whole.buckets, merged.buckets, "seed " + seed);
        assertArrayEquals(whole.hits, merged.hits);
        assertArrayEquals(whole.distinct, merged.distinct);
        assertArrayEquals(whole.topCounts, merged.topCounts);
        assertArrayEquals(whole.topStart, merged.topStart);
        assertArrayEquals(whole.topIds, merged.topIds);
    }
}
