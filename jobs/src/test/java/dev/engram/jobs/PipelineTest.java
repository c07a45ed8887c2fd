package dev.engram.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.cli.BuildTablesCommand;
import dev.engram.cli.CountNgramsCommand;
import dev.engram.cli.TokenizeCommand;
import dev.engram.hash.HashConfig;
import dev.engram.hash.NgramHasher;
import dev.engram.schema.ManifestJson;
import dev.engram.schema.ShardEntry;
import dev.engram.schema.TableManifest;
import dev.engram.table.TableReader;
import dev.engram.table.TableRow;
import dev.engram.tokenizer.HfTokenizer;
import dev.engram.vocab.CompressedVocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs tokenize, count-ngrams and build-tables on a small corpus and checks every stage against a
 * plain-Java reference: tokenizer output, HashMap n-gram counts, and buckets recomputed with NgramHasher.
 */
class PipelineTest {
    static final List<String> CORPUS = List.of(
            "The cat sat on the mat",
            "the dog ran fast and the cat ran fast",
            "A big red ball",
            "The Dog saw a cat on a mat and the cat saw the dog",
            "red hat red hat red hat",
            "cat");

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path tokenizerFile;
    static Map<List<Integer>, Long> reference;

    @BeforeAll
    static void runPipeline() throws IOException {
        spark = TestSpark.session();
        tokenizerFile = TestTokenizer.write(dir.resolve("tokenizer"));
        Path corpus = dir.resolve("corpus.jsonl");
        Files.write(corpus, CORPUS.stream().map(text -> "{\"text\": \"" + text + "\", \"id\": 1}").toList());

        assertEquals(0, run(new TokenizeCommand(), "--input", corpus.toString(), "--format", "jsonl",
                "--tokenizer", tokenizerFile.toString(), "--out", dir.resolve("tokens").toString(), "--tokens-per-part", "20"));
        assertEquals(0, run(new CountNgramsCommand(), "--tokens", dir.resolve("tokens").toString(), "--max-ngram", "3",
                "--out", dir.resolve("ngrams").toString(), "--top-k", "3"));
        assertEquals(0, buildTables(dir.resolve("tables"), "0"));

        try (HfTokenizer tokenizer = HfTokenizer.load(tokenizerFile)) {
            CompressedVocabulary vocabulary = CompressedVocabulary.build(tokenizer);
            List<int[]> documents = CORPUS.stream().map(text -> vocabulary.compress(tokenizer.encode(text))).toList();
            reference = ReferenceNgrams.count(documents, 3, 1);
        }
    }

    static int run(Object command, String... args) {
        return new CommandLine(command).execute(args);
    }

    static int buildTables(Path out, String seed, String... extra) {
        List<String> args = new ArrayList<>(List.of("--ngrams", dir.resolve("ngrams").toString(),
                "--tokenizer", tokenizerFile.toString(), "--layers", "1,15", "--max-ngram", "3", "--heads", "3",
                "--table-sizes", "7,11", "--head-dim", "4", "--seed", seed, "--pad-token-id",
                Integer.toString(TestTokenizer.PAD_ID), "--out", out.toString()));
        args.addAll(List.of(extra));
        return run(new BuildTablesCommand(), args.toArray(String[]::new));
    }

    @Test
    void tokensMatchTokenizer() throws IOException {
        List<Row> rows = spark.read().parquet(dir.resolve("tokens").toString()).orderBy("doc_id").collectAsList();
        try (HfTokenizer tokenizer = HfTokenizer.load(tokenizerFile)) {
            CompressedVocabulary vocabulary = CompressedVocabulary.build(tokenizer);
            assertEquals(TestTokenizer.COMPRESSED_SIZE, vocabulary.size());
            assertEquals(CORPUS.size(), rows.size());
            for (int i = 0; i < CORPUS.size(); i++) {
                int[] ids = tokenizer.encode(CORPUS.get(i));
                assertArrayEquals(ids, ints(rows.get(i).getList(1)), "ids of document " + i);
                assertArrayEquals(vocabulary.compress(ids), ints(rows.get(i).getList(2)), "compressed ids of document " + i);
            }
        }
    }

    @Test
    void ngramCountsMatchReference() {
        Map<List<Integer>, Long> counted = new HashMap<>();
        for (Row row : spark.read().parquet(dir.resolve("ngrams").toString()).collectAsList()) {
            List<Integer> ngram = row.getList(1);
            assertEquals(row.getInt(0), ngram.size(), "order column equals n-gram length");
            counted.put(List.copyOf(ngram), row.getLong(2));
        }
        assertEquals(reference, counted);
    }

    @Test
    void everyBucketMatchesHasherReference() throws IOException {
        TableReader reader = TableReader.open(dir.resolve("tables"));
        TableManifest manifest = reader.manifest();
        NgramHasher hasher = hasher(manifest);
        for (ShardEntry shard : manifest.shards()) {
            int layerIndex = manifest.config().layers().indexOf(shard.layerId());
            Map<Integer, ReferenceTables.Bucket> expected = ReferenceTables.shard(reference, hasher, layerIndex,
                    shard.order(), shard.head());
            assertEquals(expected.size(), shard.rows(), "stored rows of " + shard.path());
            for (int bucket = 0; bucket < shard.prime(); bucket++) {
                TableRow row = reader.row(shard.layerId(), shard.order(), shard.head(), bucket);
                ReferenceTables.Bucket want = expected.get(bucket);
                String where = shard.path() + " bucket " + bucket;
                assertEquals(want == null ? 0 : want.hits(), row.hits(), "hits of " + where);
                assertEquals(want == null ? 0 : want.distinct(), row.distinct(), "distinct of " + where);
                assertEquals(want == null ? List.of() : want.top(), Arrays.stream(row.topNgram()).boxed().toList(),
                        "top n-gram of " + where);
                assertEquals(want == null ? 0 : want.topCount(), row.topCount(), "top count of " + where);
                assertArrayEquals(reader.initVector(shard.layerId(), shard.order(), shard.head(), bucket), row.vector(),
                        "vector of " + where);
            }
        }
    }

    @Test
    void manifestListsHasherAddressing() throws IOException {
        TableManifest manifest = TableReader.open(dir.resolve("tables")).manifest();
        NgramHasher hasher = hasher(manifest);
        for (int layer = 0; layer < 2; layer++) {
            assertEquals(manifest.config().layers().get(layer), manifest.layers().get(layer).layerId());
            assertEquals(Arrays.stream(hasher.multipliers(layer)).boxed().toList(), manifest.layers().get(layer).multipliers());
            assertEquals(Arrays.stream(hasher.primes(layer)).map(p -> Arrays.stream(p).boxed().toList()).toList(),
                    manifest.layers().get(layer).primesPerOrder());
        }
        assertEquals(2 * 2 * 3, manifest.shards().size());
        assertEquals("layer=1/order=2/head=0/part-0.parquet", manifest.shards().get(0).path());
    }

    @Test
    void rebuildGivesIdenticalShards() throws IOException {
        assertEquals(0, buildTables(dir.resolve("tables-again"), "0"));
        List<String> first = shaList(dir.resolve("tables"));
        List<String> second = shaList(dir.resolve("tables-again"));
        assertEquals(first, second);
        for (ShardEntry shard : TableReader.open(dir.resolve("tables-again")).manifest().shards()) {
            assertEquals(shard.sha256(), dev.engram.io.Sha256.ofFile(dir.resolve("tables-again").resolve(shard.path())));
        }
    }

    @Test
    void storedEmptyBucketsReadLikeImpliedOnes() throws IOException {
        assertEquals(0, buildTables(dir.resolve("tables-dense"), "0", "--store-empty-buckets"));
        TableReader implied = TableReader.open(dir.resolve("tables"));
        TableReader dense = TableReader.open(dir.resolve("tables-dense"));
        assertTrue(dense.manifest().emptyBucketsStored());
        for (ShardEntry shard : dense.manifest().shards()) {
            assertEquals(shard.prime(), shard.rows(), "dense shard stores every bucket");
            for (int bucket = 0; bucket < shard.prime(); bucket++) {
                TableRow a = implied.row(shard.layerId(), shard.order(), shard.head(), bucket);
                TableRow b = dense.row(shard.layerId(), shard.order(), shard.head(), bucket);
                assertEquals(a.hits(), b.hits());
                assertArrayEquals(a.topNgram(), b.topNgram());
                assertArrayEquals(a.vector(), b.vector());
            }
        }
    }

    @Test
    void topNgramsHaveText() throws IOException {
        var top = ManifestJson.mapper().readTree(dir.resolve("ngrams").resolve(CountNgramsJob.TOP_FILE).toFile());
        assertEquals(6, top.size(), "3 per order for orders 2 and 3");
        // Four order-2 n-grams occur three times each: "the" at a document start, "the cat", "the dog" and
        // "red hat". Ties go to the smaller compressed-id list: the pad placeholder -1 sorts first, and "red"
        // has a larger id than "the".
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertEquals(2, top.get(i).get("order").intValue());
            assertEquals(3, top.get(i).get("count").longValue());
            texts.add(top.get(i).get("text").textValue());
        }
        assertEquals(List.of("<pad>the", "the cat", "the dog"), texts);
        assertEquals(3, top.get(3).get("order").intValue());
    }

    static NgramHasher hasher(TableManifest manifest) {
        return new NgramHasher(new HashConfig(manifest.config().layers().stream().mapToInt(Integer::intValue).toArray(),
                manifest.config().maxNgram(), manifest.config().heads(),
                manifest.config().tableSizes().stream().mapToInt(Integer::intValue).toArray(), manifest.config().seed(),
                manifest.compressedVocabulary().size(), manifest.compressedPadId()));
    }

    static List<String> shaList(Path tables) throws IOException {
        return TableReader.open(tables).manifest().shards().stream().map(ShardEntry::sha256).toList();
    }

    static int[] ints(List<Object> list) {
        return list.stream().mapToInt(value -> (Integer) value).toArray();
    }
}
