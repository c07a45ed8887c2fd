package dev.engram.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.jobs.InputFormat;
import dev.engram.jobs.TrainTokenizerJob;
import dev.engram.tokenizer.HfTokenizer;
import dev.engram.tokenizer.training.BpeModel;
import dev.engram.tokenizer.training.BpeTrainer;
import dev.engram.tokenizer.training.TokenizerJsonWriter;
import dev.engram.vocab.CompressedVocabulary;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import dev.engram.jobs.SparkSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code engram train-tokenizer}: counts pre-tokens with Spark, learns byte-level BPE merges on the
 * driver and writes a Hugging Face {@code tokenizer.json}. Prints one JSON summary line.
 */
@Command(
        name = "train-tokenizer",
        mixinStandardHelpOptions = true,
        description = "Trains a byte-level BPE tokenizer on a corpus and writes it as a Hugging Face tokenizer.json. "
                + "Spark counts pre-token frequencies; the driver learns the merges. Ids 0 and 1 are the special "
                + "tokens <|endoftext|> and <|pad|>, ids 2..257 the 256 bytes.")
final class TrainTokenizerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainTokenizerCommand.class);
    /** Text the self-check encodes and decodes: words, digits, a CJK word and an emoji. */
    private static final String SELF_CHECK_TEXT = "Self-check: 42 tokens, 中文 and 😀.";

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "Corpus file, folder or glob, local or a Hadoop file system URI. Repeat for more inputs.")
    List<String> inputs;

    @Option(names = "--format", defaultValue = "lines", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "Document layout, as for tokenize: lines (one document per line), text (one per file), "
                    + "jsonl (one JSON object per line, text in --field), json (files holding an object or an "
                    + "array of objects) or parquet (text in column --field). Default: ${DEFAULT-VALUE}.")
    InputFormat format;

    @Option(names = "--field", defaultValue = "text", paramLabel = "NAME",
            description = "JSON field that contains the document text, for --format jsonl. Default: ${DEFAULT-VALUE}.")
    String field;

    @Option(names = "--vocab-size", defaultValue = "8192", paramLabel = "N",
            description = "Number of ids in the tokenizer: 2 special tokens, 256 bytes and the learned merges. "
                    + "At least 258. Default: ${DEFAULT-VALUE}.")
    int vocabSize;

    @Option(names = "--min-frequency", defaultValue = "2", paramLabel = "N",
            description = "Drop pre-tokens that occur fewer than N times in the corpus before training. "
                    + "Default: ${DEFAULT-VALUE}.")
    long minFrequency;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "tokenizer.json file to write.")
    Path out;

    @Option(names = "--overwrite", description = "Replace --out if it exists.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        validate();
        long start = System.nanoTime();

        TrainTokenizerJob.Counts counts;
        try (SparkSessions.Handle session = SparkSessions.start("engram train-tokenizer")) {
            counts = TrainTokenizerJob.countPreTokens(session.spark(), new TrainTokenizerJob.Corpus(inputs, format, field),
                    minFrequency);
        }
        checkNotEmpty(counts);

        BpeModel model = new BpeTrainer(vocabSize).train(counts.preTokenCounts());
        if (model.vocabSize() < vocabSize) {
            LOG.warn("The corpus ran out of pairs to merge: the tokenizer has {} ids, fewer than --vocab-size {}",
                    model.vocabSize(), vocabSize);
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        TokenizerJsonWriter.write(model, out);

        int compressedSize = selfCheck(model);
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("Wrote tokenizer {}: {} ids, {} merges, compressed vocabulary {} ids, {} s total", out.toAbsolutePath(),
                model.vocabSize(), model.merges().size(), compressedSize, String.format("%.2f", seconds));
        System.out.println(summary(counts, model, compressedSize, seconds));
        return 0;
    }

    private void validate() throws IOException {
        int minimum = BpeTrainer.minimumVocabSize(BpeModel.SPECIAL_TOKENS.size());
        if (vocabSize < minimum) {
            throw new IllegalArgumentException("--vocab-size must be at least " + minimum + " (" + BpeModel.SPECIAL_TOKENS.size()
                    + " special tokens + 256 byte tokens), got " + vocabSize);
        }
        if (minFrequency < 1) {
            throw new IllegalArgumentException("--min-frequency must be at least 1, got " + minFrequency);
        }
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out must be a file, got the folder " + out.toAbsolutePath());
        }
        if (Files.exists(out) && !overwrite) {
            throw new FileAlreadyExistsException(out.toAbsolutePath().toString(), null,
                    "output file already exists; pass --overwrite to replace it");
        }
    }

    private void checkNotEmpty(TrainTokenizerJob.Counts counts) {
        if (counts.documents() == 0 || counts.bytes() == 0) {
            throw new IllegalArgumentException("the corpus is empty: no document with text in " + inputs + " (--format "
                    + format.cliName() + (format.hasField() ? ", --field " + field : "") + "). Check --input and --format");
        }
        if (counts.preTokenCounts().isEmpty()) {
            throw new IllegalArgumentException("no pre-token occurs at least " + minFrequency + " times in " + inputs
                    + " (" + counts.distinctPreTokens() + " distinct pre-tokens); lower --min-frequency or add text");
        }
    }

    /**
     * Loads the written file into the Rust tokenizers library, checks that it round-trips a sample text
     * and returns the size of its compressed vocabulary.
     */
    private int selfCheck(BpeModel model) throws IOException {
        try (HfTokenizer tokenizer = HfTokenizer.load(out)) {
            if (tokenizer.vocabSize() != model.vocabSize()) {
                throw new IllegalStateException("self-check failed: " + out + " loads with " + tokenizer.vocabSize()
                        + " ids, expected " + model.vocabSize());
            }
            String decoded = tokenizer.decode(tokenizer.encode(SELF_CHECK_TEXT));
            if (!decoded.equals(SELF_CHECK_TEXT)) {
                throw new IllegalStateException("self-check failed: " + out + " decodes its own encoding of '"
                        + SELF_CHECK_TEXT + "' as '" + decoded + "'");
            }
            return CompressedVocabulary.build(tokenizer).size();
        }
    }

    private String summary(TrainTokenizerJob.Counts counts, BpeModel model, int compressedSize, double seconds)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode summary = json.createObjectNode();
        summary.put("out", out.toAbsolutePath().toString());
        summary.put("vocabSize", model.vocabSize());
        summary.put("merges", model.merges().size());
        summary.put("compressedSize", compressedSize);
        summary.put("documents", counts.documents());
        summary.put("bytes", counts.bytes());
        summary.put("distinctPreTokens", counts.distinctPreTokens());
        summary.put("keptPreTokens", counts.preTokenCounts().size());
        summary.put("seconds", Math.round(seconds * 100) / 100.0);
        return json.writeValueAsString(summary);
    }

    /** Converts {@code --format} values, ignoring case. */
    static final class FormatConverter implements ITypeConverter<InputFormat> {
        @Override
        public InputFormat convert(String value) {
            return InputFormat.fromCliName(value);
        }
    }
}
