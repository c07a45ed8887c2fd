package dev.engram.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.engram.cli.BuildTablesCommand;
import dev.engram.cli.CountNgramsCommand;
import dev.engram.cli.TokenizeCommand;
import dev.engram.hash.NgramHasher;
import dev.engram.schema.TableManifest;
import dev.engram.table.TableReader;
import dev.engram.tokenizer.HfTokenizer;
import dev.engram.vocab.CompressedVocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's table config (layers 1 and 15, orders 2-3, 8 heads, 50,021 rows per order, width 32) on
 * two short documents with the real DeepSeek-V3 tokenizer: ids match the tokenizer and the manifest
 * contains the hasher's multipliers and primes for its 98,627 compressed ids.
 */
class DeepseekPipelineTest {
    static final List<String> TEXTS = List.of(
            "Mr. Speaker, the state of our Union is strong. We have 1,234 reasons to be hopeful.",
            "床前明月光，疑是地上霜。 Emoji 🎉 and\ttabs.");

    @TempDir
    Path dir;

    static Path tokenizerPath() {
        String assets = System.getProperty("engram.assets.dir", "../assets");
        Path file = Path.of(assets, "deepseek-v3-tokenizer", "tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("DeepSeek-V3 tokenizer not found at " + file.toAbsolutePath()
                    + "; run ./engram assets first");
        }
        return file;
    }

    @Test
    void demoConfigOnRealTokenizer() throws IOException {
        TestSpark.session();
        Path tokenizer = tokenizerPath();
        Path corpus = Files.createDirectories(dir.resolve("sotu"));
        for (int i = 0; i < TEXTS.size(); i++) {
            Files.writeString(corpus.resolve("speech" + i + ".json"),
                    "{\"text\": " + dev.engram.schema.ManifestJson.mapper().writeValueAsString(TEXTS.get(i)) + "}");
        }
        assertEquals(0, PipelineFixture.run(new TokenizeCommand(), "--input", corpus.resolve("*.json").toString(),
                "--format", "json", "--tokenizer", tokenizer.toString(), "--out", dir.resolve("tokens").toString()).exitCode());
        assertEquals(0, PipelineFixture.run(new CountNgramsCommand(), "--tokens", dir.resolve("tokens").toString(),
                "--max-ngram", "3", "--out", dir.resolve("ngrams").toString()).exitCode());
        PipelineFixture.Result built = PipelineFixture.run(new BuildTablesCommand(), "--ngrams",
                dir.resolve("ngrams").toString(), "--tokenizer", tokenizer.toString(), "--layers", "1,15",
                "--max-ngram", "3", "--heads", "8", "--table-sizes", "50021,50021", "--head-dim", "32", "--seed", "0",
                "--pad-token-id", "2", "--out", dir.resolve("tables").toString());
        assertEquals(0, built.exitCode(), built.err());

        try (HfTokenizer loaded = HfTokenizer.load(tokenizer)) {
            CompressedVocabulary vocabulary = CompressedVocabulary.build(loaded);
            List<Row> rows = TestSpark.session().read().parquet(dir.resolve("tokens").toString()).orderBy("doc_id")
                    .collectAsList();
            for (int i = 0; i < TEXTS.size(); i++) {
                int[] ids = loaded.encode(TEXTS.get(i));
                assertArrayEquals(ids, PipelineTest.ints(rows.get(i).getList(1)), "ids of document " + i);
                assertArrayEquals(vocabulary.compress(ids), PipelineTest.ints(rows.get(i).getList(2)));
            }

            TableManifest manifest = TableReader.open(dir.resolve("tables")).manifest();
            assertEquals(98_627, manifest.compressedVocabulary().size());
            assertEquals(vocabulary.compress(2), manifest.compressedPadId());
            assertEquals(32, manifest.shards().size());
            NgramHasher hasher = PipelineTest.hasher(manifest);
            for (int layer = 0; layer < 2; layer++) {
                assertEquals(Arrays.stream(hasher.multipliers(layer)).boxed().toList(),
                        manifest.layers().get(layer).multipliers());
                assertEquals(8, manifest.layers().get(layer).primesPerOrder().get(0).size());
            }
        }
    }
}
