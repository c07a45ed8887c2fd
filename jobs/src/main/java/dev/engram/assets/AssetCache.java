package dev.engram.assets;

import dev.engram.io.Folders;
import dev.engram.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local folder of verified assets, one subfolder per {@link PinnedAsset}.
 *
 * <p>An asset folder appears only after its archive and every pinned file matched their sha256:
 * extraction happens in a staging folder that is renamed into place at the end, so an interrupted
 * fetch leaves nothing that looks usable. Each folder records the sha256 of everything extracted
 * in {@value #CHECKSUMS}, and every later use re-verifies those files, so a cache that was edited
 * or damaged is fetched again instead of being read.
 */
public final class AssetCache {
    public static final String ENV_VARIABLE = "ENGRAM_ASSETS_DIR";
    static final String CHECKSUMS = "SHA256SUMS";
    static final String PIN = "PINNED";

    private static final Logger LOG = LoggerFactory.getLogger(AssetCache.class);

    private final Path root;
    private final ArchiveSource source;

    /** Supplies the package archive of an asset; the registry clients in production, a local file in tests. */
    @FunctionalInterface
    public interface ArchiveSource {
        Path fetch(PinnedAsset asset, Path emptyFolder) throws IOException;
    }

    public AssetCache(Path root) {
        this(root, PackageFetcher::fetch);
    }

    public AssetCache(Path root, ArchiveSource source) {
        this.root = root.toAbsolutePath().normalize();
        this.source = source;
    }

    /** Returns the folder named by {@value #ENV_VARIABLE}, else {@code ./assets}. */
    public static Path defaultRoot() {
        String configured = System.getenv(ENV_VARIABLE);
        return Path.of(configured != null && !configured.isBlank() ? configured : "assets");
    }

    public Path root() {
        return root;
    }

    /** Returns the verified folder of {@code asset}, fetching and extracting it first if needed. */
    public Path ensure(PinnedAsset asset) throws IOException {
        Path folder = root.resolve(asset.name());
        String problem = verify(asset, folder);
        if (problem == null) {
            LOG.info("asset {} ({}) verified in cache at {}", asset.name(), asset.coordinates(), folder);
            return folder;
        }
        if (Files.exists(folder)) {
            LOG.warn("asset {}: cached copy at {} is not usable ({}); fetching it again", asset.name(), folder, problem);
        }
        long start = System.nanoTime();
        Files.createDirectories(root);
        Path staging = Files.createTempDirectory(root, ".staging-" + asset.name() + "-");
        try {
            Path download = Files.createDirectory(staging.resolve("download"));
            Path archive = source.fetch(asset, download);
            String actual = Sha256.ofFile(archive);
            if (!actual.equals(asset.archiveSha256())) {
                throw new AssetChecksumException("asset " + asset.name() + ": archive " + archive.getFileName()
                        + " of " + asset.coordinates() + " has sha256 " + actual + " but " + asset.archiveSha256()
                        + " is pinned; the download was discarded. Check the registry mirror or update the pin in "
                        + PinnedAssets.RESOURCE);
            }
            Path content = Files.createDirectory(staging.resolve("content"));
            ArchiveExtractor.extract(asset, archive, content);
            writeChecksums(asset, content);
            publish(content, folder);
            LOG.info("asset {} ({}) fetched and verified into {} in {} s", asset.name(), asset.coordinates(), folder,
                    String.format("%.1f", (System.nanoTime() - start) / 1e9));
            return folder;
        } finally {
            Folders.deleteRecursively(staging);
        }
    }

    /** Returns why the cached folder cannot be used, or {@code null} when every file matches. */
    String verify(PinnedAsset asset, Path folder) throws IOException {
        if (!Files.isRegularFile(folder.resolve(CHECKSUMS)) || !Files.isRegularFile(folder.resolve(PIN))) {
            return Files.exists(folder) ? "no checksum list" : "not fetched yet";
        }
        String pin = Files.readString(folder.resolve(PIN), StandardCharsets.UTF_8).strip();
        if (!pin.equals(pinLine(asset))) {
            return "fetched for another pin (" + pin + ")";
        }
        for (PinnedAsset.FileEntry file : asset.files()) {
            Path path = folder.resolve(file.target());
            if (!Files.isRegularFile(path) || !Sha256.ofFile(path).equals(file.sha256())) {
                return "file " + file.target() + " is missing or its sha256 differs from the pin";
            }
        }
        for (Map.Entry<String, String> entry : readChecksums(folder).entrySet()) {
            Path path = folder.resolve(entry.getKey());
            if (!Files.isRegularFile(path) || !Sha256.ofFile(path).equals(entry.getValue())) {
                return "file " + entry.getKey() + " is missing or changed since it was verified";
            }
        }
        return null;
    }

    private static String pinLine(PinnedAsset asset) {
        return asset.coordinates() + " " + asset.archiveSha256();
    }

    private static void writeChecksums(PinnedAsset asset, Path content) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(content)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                sums.put(content.relativize(file).toString().replace('\\', '/'), Sha256.ofFile(file));
            }
        }
        List<String> lines = new ArrayList<>();
        sums.forEach((path, sum) -> lines.add(sum + "  " + path));
        Files.write(content.resolve(CHECKSUMS), lines, StandardCharsets.UTF_8);
        Files.writeString(content.resolve(PIN), pinLine(asset) + "\n", StandardCharsets.UTF_8);
    }

    private static Map<String, String> readChecksums(Path folder) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        for (String line : Files.readAllLines(folder.resolve(CHECKSUMS), StandardCharsets.UTF_8)) {
            int separator = line.indexOf("  ");
            if (separator != 64) {
                throw new IOException("malformed line in " + folder.resolve(CHECKSUMS) + ": '" + line
                        + "'; delete the folder " + folder + " to fetch the asset again");
            }
            sums.put(line.substring(separator + 2), line.substring(0, separator));
        }
        return sums;
    }

    /** Replaces {@code folder} by {@code content}; a stale folder is moved aside first and then deleted. */
    private static void publish(Path content, Path folder) throws IOException {
        Path stale = null;
        if (Files.exists(folder)) {
            stale = folder.resolveSibling(".stale-" + folder.getFileName() + "-" + System.nanoTime());
            Files.move(folder, stale, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(content, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("asset folder " + folder + " appeared while fetching; is another engram assets running?", e);
        }
        if (stale != null) {
            Folders.deleteRecursively(stale);
        }
    }

}
