package dev.engram.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.io.Sha256;
import dev.engram.schema.CompressedVocabularyReference;
import dev.engram.schema.LayerAddressing;
import dev.engram.schema.ManifestJson;
import dev.engram.schema.ShardEntry;
import dev.engram.schema.TableConfig;
import dev.engram.schema.TableManifest;
import dev.engram.schema.TableShardSchema;
import dev.engram.schema.TokenizerReference;
import dev.engram.schema.VectorInit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shard files written by ShardFileWriter, read back through a manifest by TableReader. */
class TableReaderTest {
    static final TableConfig CONFIG = new TableConfig(List.of(3), 2, 2, List.of(5), 6, 42, 0);
    static final int PRIME = 7;

    @TempDir
    Path dir;

    /** Points this fixture at another folder, so other tests can reuse {@link #writeTable}. */
    TableReaderTest withDir(Path folder) {
        this.dir = folder;
        return this;
    }

    /** Writes a one-layer, order-2, two-head table whose head 0 stores buckets 1 and 4, head 1 nothing. */
    Path writeTable() throws IOException {
        TableLayout layout = new TableLayout(CONFIG);
        List<ShardEntry> shards = new ArrayList<>();
        org.apache.hadoop.fs.Path tableDir = new org.apache.hadoop.fs.Path(dir.toUri());
        shards.add(ShardFileWriter.write(tableDir, layout.shardKey(0), PRIME, List.of(
                new TableRow(1, 10, 2, new int[] {5, 6}, 7, vector(0, 1)),
                new TableRow(4, 3, 1, new int[] {-0, 9}, 3, vector(0, 4))).iterator(), new Configuration()));
        shards.add(ShardFileWriter.write(tableDir, layout.shardKey(1), PRIME + 4, List.<TableRow>of().iterator(),
                new Configuration()));
        TableManifest manifest = new TableManifest(TableManifest.FORMAT_VERSION, CONFIG, 0,
                new TokenizerReference("tokenizer.json", "ab".repeat(32), 10), null, List.of("ngrams"), List.of(), false,
                new VectorInit(InitVectors.GENERATOR, InitVectors.DEFAULT_STD),
                List.of(new LayerAddressing(3, List.of(1L, 3L), List.of(List.of(PRIME, PRIME + 4)))), shards);
        Files.write(dir.resolve(TableManifest.FILE), ManifestJson.toBytes(manifest));
        return dir;
    }

    static float[] vector(int head, int bucket) {
        return InitVectors.vector(CONFIG.seed(), 3, 2, head, bucket, CONFIG.headDim(), InitVectors.DEFAULT_STD);
    }

    @Test
    void storedRowsReadBack() throws IOException {
        TableReader reader = TableReader.open(writeTable());
        TableRow row = reader.row(3, 2, 0, 1);
        assertEquals(10, row.hits());
        assertEquals(2, row.distinct());
        assertArrayEquals(new int[] {5, 6}, row.topNgram());
        assertEquals(7, row.topCount());
        assertArrayEquals(vector(0, 1), row.vector());
        assertEquals(2, reader.shard(3, 2, 0).size());
    }

    @Test
    void missingBucketReturnsInitVector() throws IOException {
        TableReader reader = TableReader.open(writeTable());
        for (int head = 0; head < 2; head++) {
            TableRow row = reader.row(3, 2, head, 2);
            assertTrue(row.isEmpty());
            assertEquals(0, row.hits());
            assertEquals(0, row.topNgram().length);
            assertArrayEquals(vector(head, 2), row.vector());
        }
    }

    @Test
    void bucketOutsidePrimeIsRejected() throws IOException {
        TableReader reader = TableReader.open(writeTable());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.row(3, 2, 0, PRIME));
        assertTrue(e.getMessage().contains("bucket 7 is outside [0, 7)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> reader.row(4, 2, 0, 0), "no layer 4");
    }

    @Test
    void changedShardFailsChecksum() throws IOException {
        Path table = writeTable();
        Path shard = table.resolve(TableLayout.shardPath(3, 2, 1));
        byte[] bytes = Files.readAllBytes(shard);
        bytes[bytes.length / 2] ^= 1;
        Files.write(shard, bytes);
        ShardChecksumException e = assertThrows(ShardChecksumException.class, () -> TableReader.open(table));
        assertTrue(e.getMessage().contains("file layer=3/order=2/head=1/part-0.parquet in table"), e.getMessage());
        assertTrue(e.getMessage().contains("rebuild the table"), e.getMessage());
    }

    @Test
    void writerRejectsUnsortedBuckets() {
        TableLayout layout = new TableLayout(CONFIG);
        List<TableRow> rows = List.of(TableRow.empty(3, vector(0, 3)), TableRow.empty(2, vector(0, 2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShardFileWriter.write(
                new org.apache.hadoop.fs.Path(dir.toUri()), layout.shardKey(0), PRIME, rows.iterator(), new Configuration()));
        assertTrue(e.getMessage().contains("bucket 2 after bucket 3"), e.getMessage());
    }

    @Test
    void shardFooterMatchesSchema() throws IOException {
        Path table = writeTable();
        Path shard = table.resolve(TableLayout.shardPath(3, 2, 0));
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(shard.toUri()), new Configuration()))) {
            assertEquals(TableShardSchema.SCHEMA, reader.getFileMetaData().getSchema());
            assertEquals("2", reader.getFileMetaData().getKeyValueMetaData().get(TableShardSchema.META_ORDER));
            assertEquals(Integer.toString(PRIME), reader.getFileMetaData().getKeyValueMetaData().get(TableShardSchema.META_PRIME));
        }
        assertTrue(Files.notExists(shard.resolveSibling(".part-0.parquet.crc")), "no Hadoop checksum side file");
        assertEquals(Sha256.ofFile(shard), TableReader.open(table).manifest().shards().get(0).sha256());
    }

    @Test
    void compressedVocabularyReferenceIsVerified() throws IOException {
        Path table = writeTable();
        Path vocabulary = table.resolve("_compressed-vocabulary.json");
        Files.writeString(vocabulary, "{}");
        TableManifest manifest = TableReader.open(table).manifest();
        TableManifest withVocabulary = new TableManifest(manifest.formatVersion(), manifest.config(),
                manifest.compressedPadId(), manifest.tokenizer(),
                new CompressedVocabularyReference("_compressed-vocabulary.json", "00".repeat(32), 10), manifest.inputs(),
                manifest.orders(), manifest.emptyBucketsStored(), manifest.vectorInit(), manifest.layers(), manifest.shards());
        Files.write(table.resolve(TableManifest.FILE), ManifestJson.toBytes(withVocabulary));
        assertThrows(ShardChecksumException.class, () -> TableReader.open(table));
    }
}
