package dev.engram.cli;

import dev.engram.io.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a folder of {@code *.json} documents into {@code train/} and {@code heldout/} for the demo.
 *
 * <p>In file-name order (chronological for the State of the Union files), every 10th document is held
 * out for evaluation. With {@code quick}, only every 4th remaining document is kept for training. The
 * split is copied into a staging folder and renamed into place, and a marker records the settings so
 * that a rerun with other settings is rejected instead of silently mixing two splits.
 */
final class DemoSplit {
    static final int HELD_OUT_EVERY = 10;
    static final int QUICK_KEEP_EVERY = 4;
    private static final String MARKER = "split.txt";
    private static final Logger LOG = LoggerFactory.getLogger(DemoSplit.class);

    private final boolean quick;

    DemoSplit(boolean quick) {
        this.quick = quick;
    }

    /** Writes the split of {@code source} into {@code into}, or reuses it when it was made with the same settings. */
    Path split(Path source, Path into) throws IOException {
        String settings = "source=" + source.toAbsolutePath() + " quick=" + quick + "\n";
        if (Files.isDirectory(into)) {
            String previous = Files.readString(into.resolve(MARKER));
            if (!previous.equals(settings)) {
                throw new IllegalArgumentException(into + " contains a split made with other settings ("
                        + previous.strip() + "); pass another --out or delete that folder");
            }
            LOG.info("stage split: reusing {}", into);
            return into;
        }

        List<Path> documents = listDocuments(source);
        Path staging = into.resolveSibling(into.getFileName() + ".tmp");
        Folders.deleteRecursively(staging);
        Path train = Files.createDirectories(staging.resolve("train"));
        Path heldOut = Files.createDirectories(staging.resolve("heldout"));

        int trainIndex = 0;
        int trainCount = 0;
        for (int i = 0; i < documents.size(); i++) {
            Path document = documents.get(i);
            if (i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1) {
                Files.copy(document, heldOut.resolve(document.getFileName()));
                continue;
            }
            if (!quick || trainIndex % QUICK_KEEP_EVERY == 0) {
                Files.copy(document, train.resolve(document.getFileName()));
                trainCount++;
            }
            trainIndex++;
        }

        Files.writeString(staging.resolve(MARKER), settings);
        Files.move(staging, into);
        LOG.info("stage split: {} documents, {} for training, every {}th held out, into {}", documents.size(),
                trainCount, HELD_OUT_EVERY, into);
        return into;
    }

    private static List<Path> listDocuments(Path source) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("--corpus: folder " + source + " not found");
        }
        List<Path> documents;
        try (Stream<Path> files = Files.list(source)) {
            documents = files.filter(path -> path.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("--corpus: no *.json documents found in " + source);
        }
        return documents;
    }

}
