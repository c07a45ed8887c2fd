package dev.engram.tokenizer.training;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The distinct pre-tokens as id sequences, rewritten in place as merges apply. */
final class BpeWords {
    final int[][] symbols;
    final long[] counts;

    private BpeWords(int[][] symbols, long[] counts) {
        this.symbols = symbols;
        this.counts = counts;
    }

    static BpeWords of(Map<String, Long> preTokenCounts, BpeModel bytesOnly) {
        // Sorting fixes the pre-token order, so logs and intermediate state do not depend on the map type.
        TreeMap<String, Long> sorted = new TreeMap<>(preTokenCounts);
        List<int[]> symbols = new ArrayList<>(sorted.size());
        List<Long> counts = new ArrayList<>(sorted.size());
        for (Map.Entry<String, Long> entry : sorted.entrySet()) {
            long count = entry.getValue();
            if (count <= 0) {
                throw new IllegalArgumentException("pre-token counts must be positive, got " + count
                        + " for " + describe(entry.getKey()));
            }
            byte[] bytes = entry.getKey().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 2) {
                continue;
            }
            int[] ids = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                ids[i] = bytesOnly.byteId(bytes[i] & 0xFF);
            }
            symbols.add(ids);
            counts.add(count);
        }
        return new BpeWords(symbols.toArray(int[][]::new), counts.stream().mapToLong(Long::longValue).toArray());
    }

    private static String describe(String preToken) {
        return "pre-token \"" + preToken.replace("\n", "\\n") + "\"";
    }
}
