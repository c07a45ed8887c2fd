package dev.engram.eval.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands a dataset path with one {@code *} into the matching files and what the {@code *} matched. */
public final class TaskFiles {
    /** One file and the text the {@code *} matched, or null when the path has no {@code *}. */
    public record Match(Path file, String wildcard) {
    }

    private TaskFiles() {
    }

    /** Returns the matches of {@code pattern} under {@code root}, sorted by wildcard text. */
    public static List<Match> expand(Path root, String pattern) throws IOException {
        int star = pattern.indexOf('*');
        if (star < 0) {
            Path file = root.resolve(pattern);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("benchmark file " + file + " not found; set -Dengram.benchmarks.dir "
                        + "or --benchmarks to the folder that holds it");
            }
            return List.of(new Match(file, null));
        }
        Path pathPattern = Path.of(pattern);
        Path folder = root.resolve(pathPattern.getParent() == null ? Path.of(".") : pathPattern.getParent());
        String name = pathPattern.getFileName().toString();
        int nameStar = name.indexOf('*');
        if (nameStar < 0) {
            throw new IllegalArgumentException("the * in " + pattern + " must be in the file name, not a folder");
        }
        String prefix = name.substring(0, nameStar);
        String suffix = name.substring(nameStar + 1);
        List<Match> matches = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String fileName = file.getFileName().toString();
                if (fileName.length() > prefix.length() + suffix.length() && fileName.startsWith(prefix)
                        && fileName.endsWith(suffix)) {
                    matches.add(new Match(file, fileName.substring(prefix.length(), fileName.length() - suffix.length())));
                }
            }
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no file matches " + folder.resolve(name));
        }
        return matches;
    }
}
