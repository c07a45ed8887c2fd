package dev.engram.jobs;

import dev.engram.cli.TokenizeCommand;
import dev.engram.io.Sha256;
import dev.engram.schema.CompressedVocabularyReference;
import dev.engram.schema.ManifestJson;
import dev.engram.schema.TokenizerReference;
import dev.engram.schema.TokensManifest;
import dev.engram.tokenizer.HfTokenizer;
import dev.engram.vocab.CompressedVocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import scala.Tuple2;

/**
 * Tokenizes a corpus into token shards: Parquet rows of {@code doc_id}, {@code ids}, {@code compressed}
 * (see {@link dev.engram.schema.TokenShardSchema}), with {@code _SUCCESS}, {@value TokensManifest#FILE}
 * and the compressed vocabulary beside them.
 *
 * <pre>
 * input files --DocumentSource--> documents --TokenizePartition (executors)--> tokenized, cached
 *   --per-partition token sums (driver)--> token offsets --TokenPartitioner--> Parquet parts
 * </pre>
 *
 * <p>The driver loads the tokenizer once to check it and build the compressed vocabulary, which goes to
 * executors as a broadcast lookup array. Output parts hold consecutive documents and about
 * {@code tokensPerPartition} tokens each.
 */
public final class TokenizeJob {
    private static final Logger LOG = LoggerFactory.getLogger(TokenizeJob.class);
    /** Leading underscore: Spark's Parquet reader skips it when it lists the folder. */
    public static final String COMPRESSED_VOCABULARY_FILE = "_compressed-vocabulary.json";

    /**
     * @param inputs             files, folders or globs, local or Hadoop URIs
     * @param field              JSON field or Parquet column, for the formats that have one
     * @param tokensPerPartition target tokens per output part
     */
    public record Options(List<String> inputs, InputFormat format, String field, Path tokenizer, String out,
                          boolean overwrite, long tokensPerPartition) {
        public Options {
            inputs = List.copyOf(inputs);
            if (tokensPerPartition < 1) {
                throw new IllegalArgumentException("tokens-per-part: must be at least 1, got " + tokensPerPartition);
            }
        }
    }

    private TokenizeJob() {
    }

    /** Runs the job under spark-submit; takes the same arguments as {@code engram tokenize}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TokenizeCommand()).execute(args));
    }

    public static TokensManifest run(SparkSession spark, Options options) throws IOException {
        StageTimer timer = new StageTimer();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        LOG.info("tokenize: start inputs={} format={} field={} tokenizer={} out={}", options.inputs(),
                options.format().cliName(), options.field(), options.tokenizer(), options.out());

        HfTokenizer tokenizer = Tokenizers.load(options.tokenizer(), "--tokenizer");
        CompressedVocabulary vocabulary = Tokenizers.compressedVocabulary(tokenizer);
        List<org.apache.hadoop.fs.Path> files = HadoopFiles.listInputFiles(options.inputs(), "--input", conf);
        OutputPublisher publisher = OutputPublisher.prepare(options.out(), "--out", options.overwrite(), conf);
        LOG.info("tokenize: reading {} input files", files.size());

        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<int[]> lookup = sc.broadcast(vocabulary.lookup());
        TokenizePartition tokenize = tokenizerFunction(sc, tokenizer, lookup);
        JavaRDD<TokenizedDocument> tokenized = DocumentSource.read(spark, files, options.format(), options.field())
                .mapPartitions(tokenize)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            List<long[]> partitionTotals = tokenized.mapPartitions(TokenizeJob::totals).collect();
            long documents = partitionTotals.stream().mapToLong(t -> t[0]).sum();
            long tokens = partitionTotals.stream().mapToLong(t -> t[1]).sum();
            long textBytes = partitionTotals.stream().mapToLong(t -> t[2]).sum();
            if (documents == 0) {
                throw new JobInputException("--input: no document with at least one token in " + options.inputs()
                        + " (format " + options.format().cliName() + (options.format().hasField()
                        ? ", field " + options.field() : "") + "); the corpus is empty");
            }
            int parts = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceilDiv(tokens, options.tokensPerPartition())));
            // Spreading the tokens evenly keeps the last part from being a small remainder.
            writeParts(spark, tokenized, partitionTotals, parts, Math.ceilDiv(tokens, parts), publisher);

            CompressedVocabularyReference vocabularyRef = writeVocabulary(vocabulary, publisher.temp(), conf);
            TokensManifest manifest = new TokensManifest(options.inputs(), options.format().cliName(),
                    options.format().hasField() ? options.field() : null,
                    new TokenizerReference(options.tokenizer().toString(), tokenizer.sha256(), tokenizer.vocabSize()),
                    vocabularyRef, documents, tokens, textBytes, parts);
            HadoopFiles.writeBytes(new org.apache.hadoop.fs.Path(publisher.temp(), TokensManifest.FILE),
                    ManifestJson.toBytes(manifest), conf);
            publisher.publish();
            LOG.info("tokenize: done documents={} tokens={} textBytes={} parts={} seconds={} MB/s={} tokens/s={}",
                    documents, tokens, textBytes, parts, timer.secondsText(), timer.rate(textBytes / 1e6),
                    timer.rate(tokens));
            return manifest;
        } catch (RuntimeException | IOException e) {
            publisher.abort();
            throw e;
        } finally {
            tokenized.unpersist(false);
        }
    }

    private static TokenizePartition tokenizerFunction(JavaSparkContext sc, HfTokenizer tokenizer, Broadcast<int[]> lookup) {
        if (sc.isLocal()) {
            return new TokenizePartition(tokenizer.path().toString(), false, tokenizer.sha256(), lookup);
        }
        // Executors on other hosts cannot see the driver's path, so the file travels with the job.
        sc.addFile(tokenizer.path().toString());
        return new TokenizePartition(tokenizer.path().getFileName().toString(), true, tokenizer.sha256(), lookup);
    }

    private static java.util.Iterator<long[]> totals(java.util.Iterator<TokenizedDocument> documents) {
        long[] totals = new long[3];
        while (documents.hasNext()) {
            TokenizedDocument document = documents.next();
            totals[0]++;
            totals[1] += document.ids().length;
            totals[2] += document.textBytes();
        }
        return List.of(totals).iterator();
    }

    private static void writeParts(SparkSession spark, JavaRDD<TokenizedDocument> tokenized, List<long[]> partitionTotals,
                                   int parts, long tokensPerPartition, OutputPublisher publisher) {
        long[] firstToken = new long[partitionTotals.size()];
        for (int i = 1; i < firstToken.length; i++) {
            firstToken[i] = firstToken[i - 1] + partitionTotals.get(i - 1)[1];
        }
        JavaPairRDD<Long, TokenizedDocument> byFirstToken = tokenized.mapPartitionsWithIndex(
                (index, documents) -> keyByFirstToken(firstToken[index], documents), true).mapToPair(pair -> pair);
        JavaRDD<Row> rows = byFirstToken
                .repartitionAndSortWithinPartitions(new TokenPartitioner(parts, tokensPerPartition))
                .map(pair -> RowFactory.create(pair._2().docId(), pair._2().ids(), pair._2().compressed()));
        spark.createDataFrame(rows, SparkSchemas.TOKENS).write().parquet(publisher.temp().toString());
    }

    /** Pairs each document with the corpus-wide index of its first token, lazily. */
    private static java.util.Iterator<Tuple2<Long, TokenizedDocument>> keyByFirstToken(
            long partitionFirstToken, java.util.Iterator<TokenizedDocument> documents) {
        return new java.util.Iterator<>() {
            private long offset = partitionFirstToken;

            @Override
            public boolean hasNext() {
                return documents.hasNext();
            }

            @Override
            public Tuple2<Long, TokenizedDocument> next() {
                TokenizedDocument document = documents.next();
                Tuple2<Long, TokenizedDocument> keyed = new Tuple2<>(offset, document);
                offset += document.ids().length;
                return keyed;
            }
        };
    }

    private static CompressedVocabularyReference writeVocabulary(CompressedVocabulary vocabulary,
                                                                 org.apache.hadoop.fs.Path folder,
                                                                 Configuration conf) throws IOException {
        Path local = Files.createTempFile("engram-compressed-vocabulary-", ".json");
        try {
            vocabulary.save(local);
            HadoopFiles.copyFromLocal(local, new org.apache.hadoop.fs.Path(folder, COMPRESSED_VOCABULARY_FILE), conf);
            return new CompressedVocabularyReference(COMPRESSED_VOCABULARY_FILE, Sha256.ofFile(local), vocabulary.size());
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
