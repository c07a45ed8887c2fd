package dev.engram.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.engram.schema.NgramSchema;
import dev.engram.schema.TableShardSchema;
import dev.engram.schema.TokenShardSchema;
import dev.engram.table.TableLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Footers of the Parquet files each job writes, against the schemas in data-schemas. */
class ParquetSchemaTest {
    @TempDir
    static Path dir;
    static PipelineFixture fixture;

    @BeforeAll
    static void prepare() throws IOException {
        fixture = PipelineFixture.prepare(dir);
        assertEquals(0, fixture.buildTables("tables").exitCode());
    }

    static MessageType footerSchema(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return reader.getFileMetaData().getSchema();
        }
    }

    static List<Path> parts(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        }
    }

    @Test
    void tokenPartsMatchTokenShardSchema() throws IOException {
        for (Path part : parts(dir.resolve("tokens"))) {
            // Spark names the message spark_schema; the fields are the contract.
            assertEquals(TokenShardSchema.SCHEMA.getFields(), footerSchema(part).getFields(), part.toString());
        }
    }

    @Test
    void ngramPartsMatchNgramSchema() throws IOException {
        List<Path> parts = parts(dir.resolve("ngrams"));
        assertEquals(false, parts.isEmpty());
        for (Path part : parts) {
            assertEquals(NgramSchema.SCHEMA.getFields(), footerSchema(part).getFields(), part.toString());
        }
    }

    @Test
    void tableShardsMatchTableShardSchema() throws IOException {
        for (int layer : List.of(1, 15)) {
            for (int order = 2; order <= 3; order++) {
                for (int head = 0; head < 3; head++) {
                    Path shard = dir.resolve("tables").resolve(TableLayout.shardPath(layer, order, head));
                    assertEquals(TableShardSchema.SCHEMA, footerSchema(shard), shard.toString());
                }
            }
        }
    }
}
