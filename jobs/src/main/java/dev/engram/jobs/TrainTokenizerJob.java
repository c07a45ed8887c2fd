package dev.engram.jobs;

import dev.engram.tokenizer.training.PreTokenCounter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The distributed half of tokenizer training: counts how often each pre-token occurs across a corpus.
 *
 * <pre>
 * files --read--> documents --mapPartitions: PreTokenCounter per partition--> (pre-token, count)
 *       --reduceByKey: sum--> --filter: count >= minFrequency--> collect to the driver
 * </pre>
 *
 * Only the counted map reaches the driver, never the documents. Its size grows with the vocabulary of
 * the corpus rather than its length, and the frequency floor drops the long tail of one-off pre-tokens.
 */
public final class TrainTokenizerJob {
    private static final Logger LOG = LoggerFactory.getLogger(TrainTokenizerJob.class);

    private TrainTokenizerJob() {
    }

    /**
     * Corpus files to read.
     *
     * @param paths  files, folders or glob patterns, local or on any Hadoop file system
     * @param format how documents are laid out in the files
     * @param field  the JSON field that contains the document text; used only by the formats that have one
     */
    public record Corpus(List<String> paths, InputFormat format, String field) {
        public Corpus {
            paths = List.copyOf(paths);
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(field, "field");
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("at least one input path is required");
            }
        }
    }

    /**
     * Pre-token counts of a corpus and the corpus totals they came from.
     *
     * @param preTokenCounts    pre-tokens seen at least the requested number of times, sorted
     * @param documents         documents read (lines, files or JSON records with a non-null field)
     * @param bytes             UTF-8 size of those documents
     * @param distinctPreTokens distinct pre-tokens before the frequency floor was applied
     */
    public record Counts(Map<String, Long> preTokenCounts, long documents, long bytes, long distinctPreTokens) {
    }

    /**
     * Counts the pre-tokens of a corpus, keeping those that occur at least {@code minFrequency} times.
     *
     * @throws IllegalArgumentException if {@code minFrequency} is below 1
     */
    public static Counts countPreTokens(SparkSession spark, Corpus corpus, long minFrequency) throws IOException {
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minimum frequency must be at least 1, got " + minFrequency);
        }
        long start = System.nanoTime();
        LOG.info("Counting pre-tokens: inputs {}, format {}, min frequency {}", corpus.paths(),
                corpus.format().cliName(), minFrequency);

        // Limitation: accumulators updated inside transformations count a retried task twice, so after
        // executor failures the logged document, byte and distinct totals can be too high. The counts
        // themselves come from reduceByKey and stay exact.
        LongAccumulator documents = spark.sparkContext().longAccumulator("documents");
        LongAccumulator bytes = spark.sparkContext().longAccumulator("bytes");
        LongAccumulator distinct = spark.sparkContext().longAccumulator("distinct pre-tokens");
        JavaPairRDD<String, Long> counts = readDocuments(spark, corpus)
                .mapPartitionsToPair((Iterator<String> partition) -> {
                    PreTokenCounter counter = new PreTokenCounter();
                    while (partition.hasNext()) {
                        String document = partition.next();
                        if (document != null) {
                            counter.add(document);
                        }
                    }
                    documents.add(counter.documents());
                    bytes.add(counter.bytes());
                    List<Tuple2<String, Long>> pairs = new ArrayList<>(counter.counts().size());
                    counter.counts().forEach((preToken, count) -> pairs.add(new Tuple2<>(preToken, count)));
                    return pairs.iterator();
                })
                .reduceByKey(Long::sum)
                .filter(entry -> {
                    distinct.add(1);
                    return entry._2() >= minFrequency;
                });
        Map<String, Long> kept = new TreeMap<>(counts.collectAsMap());

        Counts result = new Counts(kept, documents.value(), bytes.value(), distinct.value());
        LOG.info("Counted pre-tokens: {} documents, {} bytes, {} distinct pre-tokens, {} kept (count >= {}) in {} s",
                result.documents(), result.bytes(), result.distinctPreTokens(), kept.size(), minFrequency,
                String.format("%.2f", (System.nanoTime() - start) / 1e9));
        return result;
    }

    /** Reads the corpus as one string per document, with the same readers as {@code tokenize}. */
    static JavaRDD<String> readDocuments(SparkSession spark, Corpus corpus) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<org.apache.hadoop.fs.Path> files = HadoopFiles.listInputFiles(corpus.paths(), "--input", conf);
        return DocumentSource.read(spark, files, corpus.format(), corpus.field()).map(Document::text);
    }
}
