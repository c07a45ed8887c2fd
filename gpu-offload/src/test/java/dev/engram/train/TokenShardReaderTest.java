package dev.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenShardReaderTest {

    @Test
    void readsIdsListAcrossShards(@TempDir Path folder) throws Exception {
        TokenShardFixtures.write(folder.resolve("part-00000.parquet"), List.of(new int[] {5, 6, 7}, new int[] {}));
        TokenShardFixtures.write(folder.resolve("part-00001.parquet"), List.of(new int[] {9}));
        Files.writeString(folder.resolve("_SUCCESS"), "");

        List<int[]> documents = TokenShardReader.readDocuments(folder);

        assertEquals(3, documents.size());
        assertArrayEquals(new int[] {5, 6, 7}, documents.get(0));
        assertArrayEquals(new int[] {}, documents.get(1));
        assertArrayEquals(new int[] {9}, documents.get(2));
    }

    @Test
    void rejectsFolderWithoutShards(@TempDir Path folder) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TokenShardReader.readDocuments(folder));
        assertEquals("token folder " + folder + " contains no .parquet files; point --tokens at the output of tokenize",
                error.getMessage());
    }
}
