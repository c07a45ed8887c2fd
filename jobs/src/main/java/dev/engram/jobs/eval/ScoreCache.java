package dev.engram.jobs.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores already computed, as {@code part-<uuid>.parquet} files in a run's {@code cache/} folder. Each
 * Spark task writes its own file through an atomic rename, so a run killed at any moment keeps every
 * finished task's scores and no half-written file. Rows are keyed by {@link CachedSample#key}.
 */
final class ScoreCache {
    static final String FOLDER = "cache";
    private static final Logger LOG = LoggerFactory.getLogger(ScoreCache.class);

    private ScoreCache() {
    }

    /** Reads every cache file in the folders that exist, later folders winning on equal keys. */
    static Map<String, CachedSample> read(List<Path> folders) throws IOException {
        Map<String, CachedSample> cached = new HashMap<>();
        int files = 0;
        for (Path folder : folders) {
            for (Path file : partFiles(folder)) {
                for (CachedSample row : SampleParquet.read(file)) {
                    cached.put(row.cacheKey(), row);
                }
                files++;
            }
        }
        LOG.info("Read score cache: {} scored items from {} files in {}", cached.size(), files, folders);
        return cached;
    }

    static Path newPartFile(Path folder) {
        return folder.resolve("part-" + UUID.randomUUID() + ".parquet");
    }

    /** Copies the cache files of {@code from} that {@code to} lacks, so a new run folder keeps the old scores. */
    static void carryOver(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (Path file : partFiles(from)) {
            Path target = to.resolve(file.getFileName());
            if (!Files.exists(target)) {
                Path temp = to.resolve("." + file.getFileName() + ".tmp");
                Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private static List<Path> partFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith("part-") && name.endsWith(".parquet");
            }).sorted().toList();
        }
    }
}
