package dev.engram.jobs;

import dev.engram.cli.BuildTablesCommand;
import dev.engram.hash.HashConfig;
import dev.engram.hash.NgramHasher;
import dev.engram.schema.LayerAddressing;
import dev.engram.schema.ManifestJson;
import dev.engram.schema.NgramSchema;
import dev.engram.schema.NgramsManifest;
import dev.engram.schema.OrderCounts;
import dev.engram.schema.ShardEntry;
import dev.engram.schema.TableConfig;
import dev.engram.schema.TableManifest;
import dev.engram.schema.TokenizerReference;
import dev.engram.schema.VectorInit;
import dev.engram.table.InitVectors;
import dev.engram.table.TableLayout;
import dev.engram.tokenizer.HfTokenizer;
import dev.engram.vocab.CompressedVocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Builds Engram tables from n-gram counts: one Parquet shard per (layer, order, head) (see
 * {@link dev.engram.schema.TableShardSchema}) plus {@value TableManifest#FILE}.
 *
 * <pre>
 * n-grams --pad placeholder to compressed pad id, re-summed--> distinct n-grams
 *   --AggregateShards: bucket in every (layer, head) of the order, summed per task--> (shard, partial)
 *   --reduceByKey, one partition per shard--> merged bucket rows --WriteShards--> shard files
 * </pre>
 *
 * <p>Empty buckets are implied by default: a shard stores only buckets that at least one n-gram reaches,
 * and {@link dev.engram.table.TableReader} returns the initial vector for the others. Each stored row
 * costs about {@code 4 * headDim} bytes of incompressible floats, so a stored empty bucket adds bytes
 * and no information. {@code --store-empty-buckets} writes them, for comparison. Measured on the 233
 * SOTU addresses (2,075,627 tokens, 1,572,187 distinct n-grams of orders 2-3), layers 1 and 15, 8 heads,
 * width 32:
 * <ul>
 *   <li>table size 50,021: 1,604,893 of 1,605,126 buckets are used, so implied and stored give
 *       225,895,999 and 225,911,897 bytes, a 0.007% difference;</li>
 *   <li>table size 1,000,003: 16,371,537 of 32,006,760 buckets are used, and implied empty buckets give
 *       2.28 GB against 4.38 GB stored, so storing would nearly double the folder.</li>
 * </ul>
 * Implying costs nothing when tables are full and saves up to the empty share when they are sparse.
 */
public final class BuildTablesJob {
    private static final Logger LOG = LoggerFactory.getLogger(BuildTablesJob.class);

    /**
     * @param storeEmptyBuckets whether to write a row for every bucket, not only those an n-gram reaches
     */
    public record Options(String ngrams, TableConfig config, Path tokenizer, String out, boolean overwrite,
                          boolean storeEmptyBuckets) {
    }

    private BuildTablesJob() {
    }

    /** Runs the job under spark-submit; takes the same arguments as {@code engram build-tables}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BuildTablesCommand()).execute(args));
    }

    public static TableManifest run(SparkSession spark, Options options) throws IOException {
        StageTimer timer = new StageTimer();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        TableConfig config = options.config();
        org.apache.hadoop.fs.Path ngramsDir = HadoopFiles.qualify(options.ngrams(), conf);
        NgramsManifest ngrams = HadoopFiles.readManifest(ngramsDir, NgramsManifest.FILE, NgramsManifest.class,
                "--ngrams", "count-ngrams", conf);
        LOG.info("build-tables: start ngrams={} config={} out={}", ngramsDir, config, options.out());

        HfTokenizer tokenizer = Tokenizers.load(options.tokenizer(), "--tokenizer");
        checkInputs(config, ngrams, tokenizer, ngramsDir);
        CompressedVocabulary vocabulary = CompressedVocabulary.load(HadoopFiles.toLocal(
                new org.apache.hadoop.fs.Path(ngramsDir, ngrams.compressedVocabulary().file()), conf), tokenizer.sha256());
        int compressedPadId = vocabulary.compress(config.padTokenId());
        HashConfig hashConfig = hashConfig(config, vocabulary.size(), compressedPadId);
        checkExistingOutput(options, tokenizer.sha256(), conf);
        OutputPublisher publisher = OutputPublisher.prepare(options.out(), "--out", options.overwrite(), conf);

        NgramHasher hasher = new NgramHasher(hashConfig);
        TableLayout layout = new TableLayout(config);
        int[] primeByShard = new int[layout.shardCount()];
        for (int shard = 0; shard < primeByShard.length; shard++) {
            TableLayout.ShardKey key = layout.shardKey(shard);
            primeByShard[shard] = hasher.prime(key.layerIndex(), key.order(), key.head());
        }

        try {
            Dataset<Row> distinct = Parallelism.atLeastDefault(withPadFilledIn(
                    spark.read().parquet(ngramsDir.toString()), config.maxNgram(), compressedPadId));
            JavaPairRDD<Integer, ShardPartial> buckets = distinct.toJavaRDD()
                    .mapPartitionsToPair(new AggregateShards(hashConfig, layout))
                    .reduceByKey(new ShardPartitioner(layout.shardCount()), ShardPartial::merge);
            List<ShardEntry> shards = new ArrayList<>(buckets.mapPartitionsWithIndex(
                    new WriteShards(publisher.temp().toString(), layout, primeByShard, config.seed(), config.headDim(),
                            InitVectors.DEFAULT_STD, options.storeEmptyBuckets()), true).collect());
            shards.sort(Comparator.comparingInt(s -> layout.shardIndex(config.layers().indexOf(s.layerId()), s.order(), s.head())));

            FileSystem fs = publisher.temp().getFileSystem(conf);
            FileUtil.copy(ngramsDir.getFileSystem(conf),
                    new org.apache.hadoop.fs.Path(ngramsDir, ngrams.compressedVocabulary().file()), fs,
                    new org.apache.hadoop.fs.Path(publisher.temp(), ngrams.compressedVocabulary().file()), false, conf);
            TableManifest manifest = new TableManifest(TableManifest.FORMAT_VERSION, config, compressedPadId,
                    new TokenizerReference(options.tokenizer().toString(), tokenizer.sha256(), tokenizer.vocabSize()),
                    ngrams.compressedVocabulary(), List.of(ngramsDir.toString()),
                    ngrams.orders().stream().filter(o -> o.order() <= config.maxNgram()).toList(),
                    options.storeEmptyBuckets(), new VectorInit(InitVectors.GENERATOR, InitVectors.DEFAULT_STD),
                    addressing(hasher, config), shards);
            HadoopFiles.writeBytes(new org.apache.hadoop.fs.Path(publisher.temp(), TableManifest.FILE),
                    ManifestJson.toBytes(manifest), conf);
            publisher.publish();

            long rows = shards.stream().mapToLong(ShardEntry::rows).sum();
            long bytes = shards.stream().mapToLong(ShardEntry::bytes).sum();
            long ngramCount = manifest.orders().stream().mapToLong(OrderCounts::distinct).sum();
            LOG.info("build-tables: done ngrams={} shards={} rows={} bytes={} seconds={} ngrams/s={}", ngramCount,
                    shards.size(), rows, bytes, timer.secondsText(), timer.rate(ngramCount));
            return manifest;
        } catch (RuntimeException | IOException e) {
            publisher.abort();
            throw e;
        }
    }

    private static void checkInputs(TableConfig config, NgramsManifest ngrams, HfTokenizer tokenizer,
                                    org.apache.hadoop.fs.Path ngramsDir) {
        if (!tokenizer.sha256().equals(ngrams.tokenizer().sha256())) {
            throw new JobInputException("--tokenizer: " + tokenizer.path() + " has sha256 " + tokenizer.sha256()
                    + " but the n-grams in " + ngramsDir + " were counted from tokens of the tokenizer with sha256 "
                    + ngrams.tokenizer().sha256() + " (" + ngrams.tokenizer().path() + ")");
        }
        if (config.maxNgram() > ngrams.maxNgram()) {
            throw new JobInputException("--max-ngram: " + config.maxNgram() + " requested but " + ngramsDir
                    + " contains orders up to " + ngrams.maxNgram() + "; rerun count-ngrams with --max-ngram "
                    + config.maxNgram());
        }
        if (config.padTokenId() >= tokenizer.vocabSize()) {
            throw new JobInputException("--pad-token-id: " + config.padTokenId() + " is outside the tokenizer's ids [0, "
                    + tokenizer.vocabSize() + ")");
        }
    }

    private static HashConfig hashConfig(TableConfig config, int compressedVocabSize, int compressedPadId) {
        try {
            return new HashConfig(config.layers().stream().mapToInt(Integer::intValue).toArray(), config.maxNgram(),
                    config.heads(), config.tableSizes().stream().mapToInt(Integer::intValue).toArray(), config.seed(),
                    compressedVocabSize, compressedPadId);
        } catch (IllegalArgumentException e) {
            throw new JobInputException("invalid table config: " + e.getMessage(), e);
        }
    }

    /**
     * Rejects an existing table folder unless {@code --overwrite}; when its manifest was built with another
     * config or tokenizer, the message names the first difference.
     */
    private static void checkExistingOutput(Options options, String tokenizerSha256, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path target = HadoopFiles.qualify(options.out(), conf);
        FileSystem fs = target.getFileSystem(conf);
        org.apache.hadoop.fs.Path manifestFile = new org.apache.hadoop.fs.Path(target, TableManifest.FILE);
        if (options.overwrite() || !fs.exists(manifestFile)) {
            return;
        }
        TableManifest existing = HadoopFiles.readManifest(target, TableManifest.FILE, TableManifest.class, "--out",
                "build-tables", conf);
        String difference = existing.config().firstDifference(options.config());
        if (difference == null && !existing.tokenizer().sha256().equals(tokenizerSha256)) {
            difference = "tokenizer sha256: existing " + existing.tokenizer().sha256() + ", requested " + tokenizerSha256;
        }
        if (difference != null) {
            throw new JobInputException("--out: table folder " + target + " was built with a different config ("
                    + difference + "); pass --overwrite to replace it, or choose another folder");
        }
    }

    /**
     * Keeps orders up to {@code maxNgram}, puts the compressed pad id where count-ngrams wrote the pad
     * placeholder, and sums rows that became equal. Only rows holding the placeholder or the pad id itself
     * can become equal, so only those few go through the extra aggregation.
     */
    static Dataset<Row> withPadFilledIn(Dataset<Row> ngrams, int maxNgram, int compressedPadId) {
        Dataset<Row> inRange = ngrams.where(functions.col(NgramSchema.ORDER).leq(maxNgram));
        Column ngram = functions.col(NgramSchema.NGRAM);
        Column touchesPad = functions.array_contains(ngram, NgramSchema.PAD)
                .or(functions.array_contains(ngram, compressedPadId));
        Dataset<Row> untouched = inRange.where(functions.not(touchesPad));
        Dataset<Row> resummed = inRange.where(touchesPad)
                .withColumn(NgramSchema.NGRAM, functions.transform(ngram,
                        id -> functions.when(id.equalTo(NgramSchema.PAD), compressedPadId).otherwise(id)))
                .groupBy(NgramSchema.ORDER, NgramSchema.NGRAM)
                .agg(functions.sum(NgramSchema.COUNT).as(NgramSchema.COUNT));
        return untouched.select(NgramSchema.ORDER, NgramSchema.NGRAM, NgramSchema.COUNT).union(resummed);
    }

    private static List<LayerAddressing> addressing(NgramHasher hasher, TableConfig config) {
        List<LayerAddressing> layers = new ArrayList<>();
        for (int layer = 0; layer < config.layers().size(); layer++) {
            List<List<Integer>> primes = Arrays.stream(hasher.primes(layer))
                    .map(perOrder -> Arrays.stream(perOrder).boxed().toList()).toList();
            layers.add(new LayerAddressing(config.layers().get(layer),
                    Arrays.stream(hasher.multipliers(layer)).boxed().toList(), primes));
        }
        return layers;
    }
}
