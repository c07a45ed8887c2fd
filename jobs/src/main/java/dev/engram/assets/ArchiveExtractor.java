package dev.engram.assets;

import dev.engram.io.Sha256;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Copies the pinned entries of an npm {@code .tgz} or a Maven {@code .jar} into a folder. */
final class ArchiveExtractor {
    private ArchiveExtractor() {
    }

    static void extract(PinnedAsset asset, Path archive, Path into) throws IOException {
        Set<String> found = new HashSet<>();
        try (ArchiveInputStream<? extends ArchiveEntry> entries = open(asset, archive)) {
            ArchiveEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                Path target = targetOf(asset, entry.getName(), into);
                if (target == null) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                found.add(entry.getName());
            }
        }
        for (PinnedAsset.FileEntry file : asset.files()) {
            if (!found.contains(file.entry())) {
                throw new IOException("asset " + asset.name() + ": entry " + file.entry() + " not found in "
                        + asset.coordinates());
            }
            String actual = Sha256.ofFile(into.resolve(file.target()));
            if (!actual.equals(file.sha256())) {
                throw new AssetChecksumException("asset " + asset.name() + ": " + file.entry() + " has sha256 " + actual
                        + " but " + file.sha256() + " is pinned; the file was discarded");
            }
        }
        for (PinnedAsset.DirectoryEntry directory : asset.directories()) {
            if (found.stream().noneMatch(name -> name.startsWith(directory.entryPrefix()))) {
                throw new IOException("asset " + asset.name() + ": no entries under " + directory.entryPrefix()
                        + " in " + asset.coordinates());
            }
        }
    }

    private static ArchiveInputStream<? extends ArchiveEntry> open(PinnedAsset asset, Path archive) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(archive));
        return switch (asset.registry()) {
            case "npm" -> new TarArchiveInputStream(new GzipCompressorInputStream(in));
            case "maven" -> new ZipArchiveInputStream(in);
            default -> throw new IllegalArgumentException("asset " + asset.name() + ": unknown registry " + asset.registry());
        };
    }

    /** Maps an archive entry to its place in the asset folder, or {@code null} when it is not pinned. */
    private static Path targetOf(PinnedAsset asset, String entryName, Path into) throws IOException {
        for (PinnedAsset.FileEntry file : asset.files()) {
            if (file.entry().equals(entryName)) {
                return safeResolve(into, file.target(), entryName);
            }
        }
        for (PinnedAsset.DirectoryEntry directory : asset.directories()) {
            if (entryName.startsWith(directory.entryPrefix())) {
                String relative = directory.target() + "/" + entryName.substring(directory.entryPrefix().length());
                return safeResolve(into, relative, entryName);
            }
        }
        return null;
    }

    private static Path safeResolve(Path into, String relative, String entryName) throws IOException {
        Path target = into.resolve(relative).normalize();
        if (!target.startsWith(into)) {
            throw new IOException("archive entry " + entryName + " would be written outside " + into);
        }
        return target;
    }
}
