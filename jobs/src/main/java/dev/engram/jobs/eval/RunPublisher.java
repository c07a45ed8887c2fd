package dev.engram.jobs.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a run folder only once it is complete. The run is written into the hidden sibling
 * {@code .<name>.partial}, whose name is fixed so that a rerun after a kill finds the scores cached there;
 * {@link #publish} then renames it onto the target. An existing target is first renamed to
 * {@code .<name>.old-<uuid>} and deleted only after the new folder is in place, so a kill between the two
 * renames leaves the old run intact in that folder.
 */
final class RunPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(RunPublisher.class);

    private final Path target;
    private final Path staging;

    RunPublisher(Path target) {
        this.target = target.toAbsolutePath().normalize();
        if (this.target.getParent() == null) {
            throw new IllegalArgumentException("--out " + target + " has no parent folder; name a folder such as results/run1");
        }
        this.staging = this.target.resolveSibling("." + this.target.getFileName() + ".partial");
    }

    Path target() {
        return target;
    }

    Path staging() {
        return staging;
    }

    /** Returns the cache folders to read: the published run's, then the interrupted run's. */
    List<Path> cacheFolders() {
        return List.of(target.resolve(ScoreCache.FOLDER), staging.resolve(ScoreCache.FOLDER));
    }

    void publish() throws IOException {
        ScoreCache.carryOver(target.resolve(ScoreCache.FOLDER), staging.resolve(ScoreCache.FOLDER));
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
        LOG.info("Published run folder {}", target);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
