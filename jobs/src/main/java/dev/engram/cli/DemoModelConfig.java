package dev.engram.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.model.ModelConfig;
import dev.engram.tokenizer.HfTokenizer;
import dev.engram.vocab.CompressedVocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Engram model the demo trains, and the {@code build-tables} flags that hash exactly as it does.
 *
 * <p>A 4-layer, 128-wide decoder with one Engram block after layer 1: orders 2 and 3, 4 hash heads per
 * order, 16 floats per row (n_embed_per_ngram 64 / 4 heads) and 10,007 rows per table. The pad id is 1,
 * {@code <|pad|>} in train-tokenizer output; with another tokenizer it is only a fixed filler id, which
 * the tables and the model still agree on.
 */
final class DemoModelConfig {
    static final String CONFIG = "config.json";
    static final String COMPRESSED_VOCAB = "compressed_vocab.json";
    static final int ENGRAM_LAYER = 1;
    static final int MAX_NGRAM = 3;
    static final int HEADS_PER_NGRAM = 4;
    static final int EMBED_PER_NGRAM = 64;
    static final int TABLE_SIZE = 10_007;
    static final int PAD_TOKEN_ID = 1;
    static final long SEED = 0;

    private DemoModelConfig() {
    }

    /** Flags of {@code build-tables} that match the model's layer, orders, heads, sizes, row width, seed and pad id. */
    static List<String> buildTablesFlags() {
        return List.of("--layers", Integer.toString(ENGRAM_LAYER), "--max-ngram", Integer.toString(MAX_NGRAM),
                "--heads", Integer.toString(HEADS_PER_NGRAM),
                "--table-sizes", TABLE_SIZE + "," + TABLE_SIZE,
                "--head-dim", Integer.toString(EMBED_PER_NGRAM / HEADS_PER_NGRAM),
                "--seed", Long.toString(SEED), "--pad-token-id", Integer.toString(PAD_TOKEN_ID));
    }

    /**
     * Writes {@code config.json} and, beside it as the trainer expects, {@code compressed_vocab.json} for
     * {@code tokenizerFile} into {@code folder}, replacing earlier ones.
     *
     * @return the config file
     */
    static Path write(Path tokenizerFile, Path folder) throws IOException {
        Files.createDirectories(folder);
        CompressedVocabulary vocabulary;
        String tokenizerSha256;
        try (HfTokenizer tokenizer = HfTokenizer.load(tokenizerFile)) {
            vocabulary = CompressedVocabulary.build(tokenizer);
            tokenizerSha256 = tokenizer.sha256();
        }
        vocabulary.save(folder.resolve(COMPRESSED_VOCAB));

        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode();
        config.put("vocab_size", vocabulary.tokenizerIds());
        config.put("hidden_size", 128);
        config.put("num_layers", 4);
        config.put("num_heads", 4);
        config.put("num_kv_heads", 2);
        config.put("intermediate_size", 256);
        // Longer than the training windows, so that the long-context evaluation items still fit.
        config.put("max_seq_len", 2048);
        config.put("rope_theta", 10000.0);
        config.put("rms_norm_eps", 1e-5);
        config.put("hc_mult", 1);
        config.put("tokenizer_sha256", tokenizerSha256);
        ObjectNode engram = config.putObject("engram");
        engram.putArray("layer_ids").add(ENGRAM_LAYER);
        engram.put("max_ngram_size", MAX_NGRAM);
        engram.put("n_embed_per_ngram", EMBED_PER_NGRAM);
        engram.put("n_head_per_ngram", HEADS_PER_NGRAM);
        engram.putArray("table_size_per_ngram").add(TABLE_SIZE).add(TABLE_SIZE);
        engram.put("kernel_size", 4);
        engram.put("seed", SEED);
        engram.put("pad_token_id", PAD_TOKEN_ID);
        engram.put("compressed_vocab", COMPRESSED_VOCAB);
        config.put("architecture", "engram-llama");

        Path file = folder.resolve(CONFIG);
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), config);
        // Fails here, before any training, if a field is out of range.
        ModelConfig.read(file);
        return file;
    }
}
