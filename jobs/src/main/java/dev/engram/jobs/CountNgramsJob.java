package dev.engram.jobs;

import dev.engram.cli.CountNgramsCommand;
import dev.engram.schema.ManifestJson;
import dev.engram.schema.NgramSchema;
import dev.engram.schema.NgramsManifest;
import dev.engram.schema.OrderCounts;
import dev.engram.schema.TokenShardSchema;
import dev.engram.schema.TokensManifest;
import dev.engram.tokenizer.HfTokenizer;
import dev.engram.vocab.CompressedVocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import scala.Tuple2;

/**
 * Counts the compressed-id n-grams of orders 2..N in a tokens folder, exactly, and writes one row per
 * distinct n-gram (see {@link NgramSchema}) with {@value NgramsManifest#FILE}, the compressed vocabulary
 * and {@value #TOP_FILE}, the most frequent n-grams of each order with their text.
 *
 * <p>N-grams never span documents; positions before a document start hold the pad (see
 * {@link NgramOccurrences}). Orders whose n-grams pack into one {@code long} ({@link NgramPacking}) are
 * grouped by that key, which keeps the shuffle to two primitive columns; larger orders group by the id
 * array. Spark's partial aggregation combines equal keys within a task before the shuffle.
 */
public final class CountNgramsJob {
    private static final Logger LOG = LoggerFactory.getLogger(CountNgramsJob.class);
    public static final String TOP_FILE = "_top-ngrams.json";

    /**
     * @param tokenizer tokenizer for the top-n-gram text, or null to use the path in the tokens manifest
     * @param topK      n-grams per order in {@value #TOP_FILE}; 0 writes none and needs no tokenizer
     */
    public record Options(String tokens, int maxNgram, long minCount, String out, boolean overwrite, int topK,
                          Path tokenizer) {
        public Options {
            if (maxNgram < 2) {
                throw new IllegalArgumentException("max-ngram: the largest n-gram order must be at least 2, got " + maxNgram);
            }
            if (minCount < 1) {
                throw new IllegalArgumentException("min-count: must be at least 1, got " + minCount);
            }
            if (topK < 0) {
                throw new IllegalArgumentException("top-k: must be at least 0, got " + topK);
            }
        }
    }

    private CountNgramsJob() {
    }

    /** Runs the job under spark-submit; takes the same arguments as {@code engram count-ngrams}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new CountNgramsCommand()).execute(args));
    }

    public static NgramsManifest run(SparkSession spark, Options options) throws IOException {
        StageTimer timer = new StageTimer();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path tokensDir = HadoopFiles.qualify(options.tokens(), conf);
        TokensManifest tokens = HadoopFiles.readManifest(tokensDir, TokensManifest.FILE, TokensManifest.class,
                "--tokens", "tokenize", conf);
        LOG.info("count-ngrams: start tokens={} documents={} positions={} maxNgram={} minCount={}", tokensDir,
                tokens.documents(), tokens.tokens(), options.maxNgram(), options.minCount());
        TopNgrams renderer = options.topK() > 0 ? renderer(tokens, options.tokenizer(), tokensDir, conf) : null;
        OutputPublisher publisher = OutputPublisher.prepare(options.out(), "--out", options.overwrite(), conf);

        try {
            Dataset<Row> compressed = Parallelism.atLeastDefault(
                    spark.read().parquet(tokensDir.toString()).select(TokenShardSchema.COMPRESSED));
            countAll(compressed, options.maxNgram(), options.minCount(), tokens.compressedVocabulary().size())
                    .write().parquet(publisher.temp().toString());

            Dataset<Row> written = spark.read().parquet(publisher.temp().toString());
            List<OrderCounts> orders = orderCounts(written, options.maxNgram(), tokens.tokens());
            FileUtil.copy(tokensDir.getFileSystem(conf),
                    new org.apache.hadoop.fs.Path(tokensDir, tokens.compressedVocabulary().file()),
                    publisher.temp().getFileSystem(conf),
                    new org.apache.hadoop.fs.Path(publisher.temp(), tokens.compressedVocabulary().file()), false, conf);
            if (renderer != null) {
                List<TopNgrams.Entry> top = top(written, options.maxNgram(), options.topK(), renderer);
                HadoopFiles.writeBytes(new org.apache.hadoop.fs.Path(publisher.temp(), TOP_FILE),
                        ManifestJson.toBytes(top), conf);
            }
            NgramsManifest manifest = new NgramsManifest(tokensDir.toString(), tokens.tokenizer(),
                    tokens.compressedVocabulary(), options.maxNgram(), options.minCount(), orders);
            HadoopFiles.writeBytes(new org.apache.hadoop.fs.Path(publisher.temp(), NgramsManifest.FILE),
                    ManifestJson.toBytes(manifest), conf);
            publisher.publish();

            long distinct = orders.stream().mapToLong(OrderCounts::distinct).sum();
            long occurrences = tokens.tokens() * (options.maxNgram() - 1);
            LOG.info("count-ngrams: done positions={} occurrences={} distinct={} seconds={} occurrences/s={}",
                    tokens.tokens(), occurrences, distinct, timer.secondsText(), timer.rate(occurrences));
            return manifest;
        } catch (RuntimeException | IOException e) {
            publisher.abort();
            throw e;
        }
    }

    /** Counts every order 2..maxNgram and keeps n-grams seen at least {@code minCount} times. */
    static Dataset<Row> countAll(Dataset<Row> compressed, int maxNgram, long minCount, int compressedVocabSize) {
        NgramPacking packing = new NgramPacking(compressedVocabSize);
        int packedMax = Math.min(maxNgram, packing.maxPackedOrder());
        Dataset<Row> counts = countPacked(compressed, packing, packedMax, minCount);
        if (packedMax < maxNgram) {
            counts = counts.union(countArrays(compressed, packedMax + 1, maxNgram, minCount));
        }
        return counts;
    }

    private static Dataset<Row> countPacked(Dataset<Row> compressed, NgramPacking packing, int maxOrder, long minCount) {
        MapPartitionsFunction<Row, Tuple2<Integer, Long>> occurrences = rows -> new NgramOccurrences<>(rows, 0, 2, maxOrder) {
            @Override
            Tuple2<Integer, Long> emit(int[] ids, int end, int order) {
                return new Tuple2<>(order, packing.pack(ids, end, order));
            }
        };
        MapFunction<Row, Row> unpack = row -> RowFactory.create(row.getInt(0),
                packing.unpack(row.getLong(1), row.getInt(0)), row.getLong(2));
        return compressed.mapPartitions(occurrences, Encoders.tuple(Encoders.INT(), Encoders.LONG()))
                .toDF("order", "key")
                .groupBy("order", "key").count()
                .where(functions.col("count").geq(minCount))
                .map(unpack, Encoders.row(SparkSchemas.NGRAMS));
    }

    private static Dataset<Row> countArrays(Dataset<Row> compressed, int minOrder, int maxOrder, long minCount) {
        StructType schema = new StructType()
                .add(NgramSchema.ORDER, DataTypes.IntegerType, false)
                .add(NgramSchema.NGRAM, DataTypes.createArrayType(DataTypes.IntegerType, false), false);
        MapPartitionsFunction<Row, Row> occurrences = rows -> new NgramOccurrences<>(rows, 0, minOrder, maxOrder) {
            @Override
            Row emit(int[] ids, int end, int order) {
                int[] ngram = new int[order];
                for (int i = 0; i < order; i++) {
                    int position = end - order + 1 + i;
                    ngram[i] = position < 0 ? NgramSchema.PAD : ids[position];
                }
                return RowFactory.create(order, ngram);
            }
        };
        MapFunction<Row, Row> toSchema = row -> RowFactory.create(row.getInt(0),
                row.getList(1).stream().mapToInt(id -> (Integer) id).toArray(), row.getLong(2));
        return compressed.mapPartitions(occurrences, Encoders.row(schema))
                .groupBy(NgramSchema.ORDER, NgramSchema.NGRAM).count()
                .where(functions.col("count").geq(minCount))
                .map(toSchema, Encoders.row(SparkSchemas.NGRAMS));
    }

    private static List<OrderCounts> orderCounts(Dataset<Row> written, int maxNgram, long positions) {
        long[][] perOrder = new long[maxNgram + 1][2];
        for (Row row : written.groupBy(NgramSchema.ORDER)
                .agg(functions.count("*"), functions.sum(NgramSchema.COUNT)).collectAsList()) {
            perOrder[row.getInt(0)][0] = row.getLong(1);
            perOrder[row.getInt(0)][1] = row.getLong(2);
        }
        List<OrderCounts> orders = new ArrayList<>();
        for (int order = 2; order <= maxNgram; order++) {
            orders.add(new OrderCounts(order, positions, perOrder[order][0], perOrder[order][1]));
        }
        return orders;
    }

    private static List<TopNgrams.Entry> top(Dataset<Row> written, int maxNgram, int k, TopNgrams renderer) {
        List<TopNgrams.Entry> top = new ArrayList<>();
        for (int order = 2; order <= maxNgram; order++) {
            // Ties on count go to the lexicographically smallest n-gram, so the list is the same on every run.
            List<Row> rows = written.where(functions.col(NgramSchema.ORDER).equalTo(order))
                    .orderBy(functions.desc(NgramSchema.COUNT), functions.asc(NgramSchema.NGRAM))
                    .limit(k)
                    .collectAsList();
            for (Row row : rows) {
                int[] ngram = row.getList(1).stream().mapToInt(id -> (Integer) id).toArray();
                top.add(new TopNgrams.Entry(order, row.getLong(2), Arrays.stream(ngram).boxed().toList(),
                        renderer.text(ngram)));
            }
        }
        return top;
    }

    private static TopNgrams renderer(TokensManifest tokens, Path tokenizerFlag, org.apache.hadoop.fs.Path tokensDir,
                                      Configuration conf) throws IOException {
        Path tokenizerPath = tokenizerFlag != null ? tokenizerFlag : Path.of(tokens.tokenizer().path());
        String flag = tokenizerFlag != null ? "--tokenizer" : "tokenizer path in " + TokensManifest.FILE
                + " (pass --tokenizer to use another copy)";
        HfTokenizer tokenizer = Tokenizers.load(tokenizerPath, flag);
        if (!tokenizer.sha256().equals(tokens.tokenizer().sha256())) {
            throw new JobInputException(flag + ": tokenizer " + tokenizerPath + " has sha256 " + tokenizer.sha256()
                    + " but the tokens in " + tokensDir + " were made with " + tokens.tokenizer().sha256());
        }
        Path localVocabulary = HadoopFiles.toLocal(
                new org.apache.hadoop.fs.Path(tokensDir, tokens.compressedVocabulary().file()), conf);
        CompressedVocabulary vocabulary = CompressedVocabulary.load(localVocabulary, tokenizer.sha256());
        return new TopNgrams(tokenizer, vocabulary.lookup(), vocabulary.size());
    }
}
