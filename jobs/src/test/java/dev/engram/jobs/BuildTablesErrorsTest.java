package dev.engram.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.cli.BuildTablesCommand;
import dev.engram.cli.TableStatsCommand;
import dev.engram.schema.TableManifest;
import dev.engram.table.TableLayout;
import dev.engram.table.TableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rejected configs, existing outputs, tokenizer mismatches and damaged tables. */
class BuildTablesErrorsTest {
    @TempDir
    static Path dir;
    static PipelineFixture fixture;

    @BeforeAll
    static void prepare() throws IOException {
        fixture = PipelineFixture.prepare(dir);
        PipelineFixture.Result built = fixture.buildTables("tables");
        assertEquals(0, built.exitCode(), built.err());
    }

    @Test
    void conflictingSeedIsNamed() {
        PipelineFixture.Result result = fixture.buildTables("tables", "--seed", "5");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("was built with a different config (seed: existing 0, requested 5)"), result.err());
        assertTrue(result.err().contains("pass --overwrite"), result.err());
    }

    @Test
    void conflictingTableSizesAreNamed() {
        PipelineFixture.Result result = fixture.buildTables("tables", "--table-sizes", "7,13");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("table-sizes: existing [7, 11], requested [7, 13]"), result.err());
    }

    @Test
    void conflictingTokenizerIsNamed() throws IOException {
        Path other = Files.createDirectories(dir.resolve("other-tokenizer")).resolve("tokenizer.json");
        Files.writeString(other, Files.readString(fixture.tokenizer).replace("\"hat\": 19", "\"hats\": 19"));
        PipelineFixture.Result result = fixture.buildTables("tables-other", "--tokenizer", other.toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("--tokenizer: " + other.toAbsolutePath() + " has sha256"), result.err());
        assertTrue(result.err().contains("were counted from tokens of the tokenizer with sha256"), result.err());
    }

    @Test
    void sameConfigStillNeedsOverwrite() throws IOException {
        PipelineFixture.Result refused = fixture.buildTables("tables");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("exists already; pass --overwrite"), refused.err());

        PipelineFixture.Result replaced = fixture.buildTables("tables-replaced");
        assertEquals(0, replaced.exitCode(), replaced.err());
        PipelineFixture.Result again = fixture.buildTables("tables-replaced", "--seed", "9", "--overwrite");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(9, TableReader.open(dir.resolve("tables-replaced")).manifest().config().seed());
    }

    @Test
    void orderAboveCountedIsRejected() {
        PipelineFixture.Result result = fixture.buildTables("tables-4", "--max-ngram", "4", "--table-sizes", "7,11,13");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("--max-ngram: 4 requested but"), result.err());
        assertTrue(result.err().contains("rerun count-ngrams with --max-ngram 4"), result.err());
    }

    @Test
    void missingFlagNamesConfigKey() {
        PipelineFixture.Result result = PipelineFixture.run(new BuildTablesCommand(), "--ngrams",
                dir.resolve("ngrams").toString(), "--out", dir.resolve("tables-x").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("missing --max-ngram: give the flag or the key 'max-ngram' in --config FILE"),
                result.err());
    }

    @Test
    void configFileGivesSameTables() throws IOException {
        Path config = dir.resolve("table-config.json");
        Files.writeString(config, """
                {"layers": [1, 15], "max-ngram": 3, "heads": 3, "table-sizes": "7,11", "head-dim": 4, "seed": 0,
                 "pad-token-id": %d, "tokenizer": "%s"}
                """.formatted(TestTokenizer.PAD_ID, fixture.tokenizer));
        PipelineFixture.Result result = PipelineFixture.run(new BuildTablesCommand(), "--ngrams",
                dir.resolve("ngrams").toString(), "--config", config.toString(), "--out", dir.resolve("tables-config").toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(PipelineTest.shaList(dir.resolve("tables")), PipelineTest.shaList(dir.resolve("tables-config")));
    }

    @Test
    void missingNgramsFolderIsNamed() {
        PipelineFixture.Result result = PipelineFixture.run(new BuildTablesCommand(), "--ngrams",
                dir.resolve("no-ngrams").toString(), "--config", "/dev/null", "--out", dir.resolve("t").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("--config"), result.err());

        PipelineFixture.Result missing = fixture.buildTables("t", "--ngrams", dir.resolve("no-ngrams").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("--ngrams: folder"), missing.err());
        assertTrue(missing.err().contains("expected the output of count-ngrams"), missing.err());
    }

    @Test
    void damagedShardFailsTableStats() throws IOException {
        assertEquals(0, fixture.buildTables("tables-damaged").exitCode());
        Path shard = dir.resolve("tables-damaged").resolve(TableLayout.shardPath(15, 3, 2));
        byte[] bytes = Files.readAllBytes(shard);
        bytes[4] ^= 0x55;
        Files.write(shard, bytes);

        PipelineFixture.Result result = PipelineFixture.run(new TableStatsCommand(), "--tables",
                dir.resolve("tables-damaged").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("file layer=15/order=3/head=2/part-0.parquet in table"), result.err());
        assertTrue(result.err().contains("but " + TableManifest.FILE + " lists"), result.err());
        assertTrue(Files.notExists(dir.resolve("tables-damaged").resolve("stats.json")));
    }
}
