package dev.engram.table;

import dev.engram.schema.ManifestJson;
import dev.engram.schema.ShardEntry;
import dev.engram.schema.TableManifest;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a table folder written by {@code build-tables} and returns rows by (layer, order, head, bucket).
 *
 * <p>{@link #open} reads {@value TableManifest#FILE} and checks the sha256 of every listed file before
 * returning, so a damaged or edited table fails up front with the file named. A shard's rows are loaded
 * into memory on first use and kept. Buckets that the shards do not store (no n-gram reached them) read
 * as empty rows whose vector {@link InitVectors} regenerates, the same vector {@code build-tables} would
 * have written. Instances are safe to share between threads.
 */
public final class TableReader {
    private static final Logger LOG = LoggerFactory.getLogger(TableReader.class);

    private final Path dir;
    private final Configuration conf;
    private final TableManifest manifest;
    private final Map<String, ShardRows> loaded = new ConcurrentHashMap<>();

    private TableReader(Path dir, Configuration conf, TableManifest manifest) {
        this.dir = dir;
        this.conf = conf;
        this.manifest = manifest;
    }

    public static TableReader open(java.nio.file.Path dir) throws IOException {
        return open(new Path(dir.toAbsolutePath().toUri()), new Configuration());
    }

    /**
     * Opens a table folder on any Hadoop file system and verifies every file the manifest lists.
     *
     * @throws FileNotFoundException  if the folder has no manifest
     * @throws ShardChecksumException if a listed file's sha256 differs from the manifest
     * @throws IOException            if the manifest cannot be parsed or uses an unknown layout
     */
    public static TableReader open(Path dir, Configuration baseConf) throws IOException {
        long start = System.nanoTime();
        Configuration conf = ShardFiles.configuration(baseConf);
        TableManifest manifest = readManifest(dir, conf);
        verify(dir, conf, manifest);
        LOG.info("table {} opened: {} shards verified in {} s", dir, manifest.shards().size(),
                String.format("%.2f", (System.nanoTime() - start) / 1e9));
        return new TableReader(dir, conf, manifest);
    }

    public static TableManifest readManifest(Path dir, Configuration conf) throws IOException {
        Path file = new Path(dir, TableManifest.FILE);
        FileSystem fs = file.getFileSystem(conf);
        if (!fs.exists(file)) {
            throw new FileNotFoundException("table folder " + dir + " has no " + TableManifest.FILE
                    + "; expected the output folder of build-tables");
        }
        TableManifest manifest;
        try (InputStream in = fs.open(file)) {
            manifest = ManifestJson.read(in, TableManifest.class, file.toString());
        }
        if (manifest.formatVersion() != TableManifest.FORMAT_VERSION) {
            throw new IOException(file + " has format version " + manifest.formatVersion() + " but this reader reads "
                    + TableManifest.FORMAT_VERSION + "; rebuild the table with this version of build-tables");
        }
        if (!InitVectors.GENERATOR.equals(manifest.vectorInit().generator())) {
            throw new IOException(file + " uses vector generator '" + manifest.vectorInit().generator()
                    + "' but this reader implements '" + InitVectors.GENERATOR + "'");
        }
        return manifest;
    }

    private static void verify(Path dir, Configuration conf, TableManifest manifest) throws IOException {
        if (manifest.compressedVocabulary() != null) {
            checkFile(dir, conf, manifest.compressedVocabulary().file(), manifest.compressedVocabulary().sha256());
        }
        for (ShardEntry shard : manifest.shards()) {
            checkFile(dir, conf, shard.path(), shard.sha256());
        }
    }

    private static void checkFile(Path dir, Configuration conf, String relative, String expected) throws IOException {
        Path file = new Path(dir, relative);
        if (!file.getFileSystem(conf).exists(file)) {
            throw new FileNotFoundException("file " + relative + " listed in " + new Path(dir, TableManifest.FILE)
                    + " is missing; the table folder is incomplete: rebuild it with build-tables --overwrite");
        }
        String actual = ShardFiles.sha256(file, conf);
        if (!actual.equals(expected)) {
            throw new ShardChecksumException("file " + relative + " in table " + dir + " has sha256 " + actual
                    + " but " + TableManifest.FILE + " lists " + expected
                    + "; it was changed or damaged after the build: rebuild the table with build-tables --overwrite");
        }
    }

    public TableManifest manifest() {
        return manifest;
    }

    /**
     * Returns the row of one bucket; a bucket no n-gram reached returns an empty row with its initial vector.
     *
     * @throws IllegalArgumentException if the shard does not exist or {@code bucket} is outside {@code [0, prime)}
     */
    public TableRow row(int layerId, int order, int head, int bucket) {
        ShardEntry entry = manifest.shard(layerId, order, head);
        if (bucket < 0 || bucket >= entry.prime()) {
            throw new IllegalArgumentException("bucket " + bucket + " is outside [0, " + entry.prime()
                    + ") of layer " + layerId + ", order " + order + ", head " + head);
        }
        ShardRows rows = shard(entry);
        int index = rows.indexOf(bucket);
        if (index >= 0) {
            return rows.row(index);
        }
        return TableRow.empty(bucket, initVector(layerId, order, head, bucket));
    }

    /** Returns the stored rows of one shard, loading them on first use. */
    public ShardRows shard(int layerId, int order, int head) {
        return shard(manifest.shard(layerId, order, head));
    }

    /** Returns the initial vector of any bucket, whether stored or not. */
    public float[] initVector(int layerId, int order, int head, int bucket) {
        return InitVectors.vector(manifest.config().seed(), layerId, order, head, bucket,
                manifest.config().headDim(), manifest.vectorInit().std());
    }

    private ShardRows shard(ShardEntry entry) {
        return loaded.computeIfAbsent(entry.path(), path -> {
            try {
                return ShardFileReader.read(new Path(dir, path), manifest.config().headDim(), conf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
