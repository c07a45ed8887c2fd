package dev.engram.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Footer canonicalization: a shard whose footer lists come in another order, as another JVM may write
 * them, becomes byte-identical to the canonical file and still reads back.
 */
class FooterCanonicalizerTest {

    @TempDir
    Path dir;

    @Test
    void reorderedFooterBecomesIdentical() throws IOException {
        Path table = new TableReaderTest().withDir(dir).writeTable();
        Path shard = table.resolve(new TableLayout(TableReaderTest.CONFIG).shardKey(0).path());
        byte[] canonical = Files.readAllBytes(shard);

        Path shuffled = dir.resolve("shuffled.parquet");
        Files.write(shuffled, reverseFooterLists(canonical));
        assertNotEquals(List.of(), differingBytes(canonical, Files.readAllBytes(shuffled)),
                "reversing the footer lists must change the bytes, or this test checks nothing");

        FooterCanonicalizer.canonicalize(shuffled);

        assertArrayEquals(canonical, Files.readAllBytes(shuffled));
    }

    @Test
    void canonicalizeTwiceChangesNothing() throws IOException {
        Path table = new TableReaderTest().withDir(dir).writeTable();
        Path shard = table.resolve(new TableLayout(TableReaderTest.CONFIG).shardKey(0).path());
        byte[] before = Files.readAllBytes(shard);

        FooterCanonicalizer.canonicalize(shard);

        assertArrayEquals(before, Files.readAllBytes(shard));
    }

    @Test
    void nonParquetFileRejected() throws IOException {
        Path text = dir.resolve("notes.parquet");
        Files.writeString(text, "not a parquet file at all");

        IOException error = assertThrows(IOException.class, () -> FooterCanonicalizer.canonicalize(text));

        assertTrue(error.getMessage().contains("not a Parquet file"), error.getMessage());
    }

    /** Returns a copy of the file whose footer has every encoding list and the key-value list reversed. */
    private static byte[] reverseFooterLists(byte[] file) throws IOException {
        int footerLength = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int footerStart = file.length - 8 - footerLength;
        FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(file, footerStart, footerLength));
        int reversedLists = 0;
        for (ColumnChunk chunk : metadata.getRow_groups().getFirst().getColumns()) {
            List<Encoding> encodings = new ArrayList<>(chunk.getMeta_data().getEncodings());
            if (encodings.size() > 1) {
                reversedLists++;
            }
            Collections.reverse(encodings);
            chunk.getMeta_data().setEncodings(encodings);
        }
        List<KeyValue> keyValues = new ArrayList<>(metadata.getKey_value_metadata());
        Collections.reverse(keyValues);
        metadata.setKey_value_metadata(keyValues);
        assertTrue(reversedLists > 0, "the shard should have a column with two or more encodings");

        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        Util.writeFileMetaData(metadata, footer);
        assertEquals(footerLength, footer.size());
        byte[] copy = file.clone();
        System.arraycopy(footer.toByteArray(), 0, copy, footerStart, footerLength);
        return copy;
    }

    private static List<Integer> differingBytes(byte[] a, byte[] b) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                positions.add(i);
            }
        }
        return positions;
    }
}
