package dev.engram.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.hash.HashConfig;
import dev.engram.hash.NgramHasher;
import dev.engram.tokenizer.HfTokenizer;
import dev.engram.vocab.CompressedVocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engram hash}: prints the multipliers, primes and bucket ids of every position, as JSON. */
@Command(
        name = "hash",
        mixinStandardHelpOptions = true,
        description = "Hashes the suffix n-grams of a compressed-id sequence into Engram table buckets and prints "
                + "one JSON object: per layer its multipliers, primes per order and the buckets of each position "
                + "(order 2 heads first, then order 3, ...).")
final class HashCommand implements Callable<Integer> {

    @Option(names = "--compressed-vocab", paramLabel = "V",
            description = "Compressed vocabulary: its size (a number), or a file written by 'engram vocab --out'. "
                    + "Optional with --tokenizer, which then builds it.")
    String compressedVocab;

    @Option(names = "--pad", required = true, paramLabel = "ID",
            description = "Compressed id that stands for positions before the sequence start.")
    int pad;

    @Option(names = "--seed", defaultValue = "0", description = "Base seed of the multipliers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--layers", required = true, split = ",", paramLabel = "ID",
            description = "Layer ids that own Engram tables, comma-separated, e.g. 1,15.")
    int[] layers;

    @Option(names = "--max-ngram", required = true, paramLabel = "N", description = "Largest n-gram order; orders 2..N are hashed.")
    int maxNgram;

    @Option(names = "--heads", required = true, paramLabel = "K", description = "Hash heads per order.")
    int heads;

    @Option(names = "--table-sizes", required = true, split = ",", paramLabel = "SIZE",
            description = "Table size per order 2..N, comma-separated; each head takes the next unused prime above it.")
    int[] tableSizes;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--ids", split = ",", paramLabel = "ID", description = "Compressed ids, comma-separated.")
        int[] ids;

        @Option(names = "--text", paramLabel = "TEXT", description = "Text to tokenize and compress first (needs --tokenizer).")
        String text;
    }

    @Option(names = "--tokenizer", paramLabel = "PATH", description = "Hugging Face tokenizer.json, for --text.")
    Path tokenizer;

    @Override
    public Integer call() throws Exception {
        int[] compressedIds;
        long vocabSize;
        if (input.text != null) {
            if (tokenizer == null) {
                throw new IllegalArgumentException("--text needs --tokenizer PATH to turn the text into ids");
            }
            try (HfTokenizer hf = HfTokenizer.load(tokenizer)) {
                CompressedVocabulary vocabulary = compressedVocab != null && !isNumber(compressedVocab)
                        ? CompressedVocabulary.load(Path.of(compressedVocab), hf.sha256())
                        : CompressedVocabulary.build(hf);
                compressedIds = vocabulary.compress(hf.encode(input.text));
                vocabSize = vocabulary.size();
            }
        } else {
            if (compressedVocab == null) {
                throw new IllegalArgumentException("--compressed-vocab is required with --ids (a size or a vocabulary file)");
            }
            compressedIds = input.ids;
            vocabSize = isNumber(compressedVocab)
                    ? Long.parseLong(compressedVocab)
                    : CompressedVocabulary.loadUnchecked(Path.of(compressedVocab)).size();
        }

        NgramHasher hasher = new NgramHasher(new HashConfig(layers, maxNgram, heads, tableSizes, seed, vocabSize, pad));
        System.out.println(new ObjectMapper().writeValueAsString(render(hasher, compressedIds)));
        return 0;
    }

    private static boolean isNumber(String value) {
        return value.chars().allMatch(Character::isDigit) && !value.isEmpty() && !Files.exists(Path.of(value));
    }

    static ObjectNode render(NgramHasher hasher, int[] compressedIds) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode layersNode = root.putArray("layers");
        HashConfig config = hasher.config();
        for (int layer = 0; layer < config.layerIds().length; layer++) {
            ObjectNode layerNode = layersNode.addObject();
            layerNode.put("layerId", config.layerIds()[layer]);
            ArrayNode multipliers = layerNode.putArray("multipliers");
            for (long multiplier : hasher.multipliers(layer)) {
                multipliers.add(multiplier);
            }
            ArrayNode primes = layerNode.putArray("primesPerOrder");
            for (int[] orderPrimes : hasher.primes(layer)) {
                ArrayNode orderNode = primes.addArray();
                for (int prime : orderPrimes) {
                    orderNode.add(prime);
                }
            }
            int[] buckets = hasher.hashSequence(compressedIds, layer);
            int width = config.headsPerLayer();
            ArrayNode hashIds = layerNode.putArray("hashIds");
            for (int t = 0; t < compressedIds.length; t++) {
                ArrayNode position = hashIds.addArray();
                for (int k = 0; k < width; k++) {
                    position.add(buckets[t * width + k]);
                }
            }
        }
        return root;
    }
}
