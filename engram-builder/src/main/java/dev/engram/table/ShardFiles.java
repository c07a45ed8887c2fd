package dev.engram.table;

import dev.engram.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Hadoop file system access for shard files, on local disk or any Hadoop file system. */
public final class ShardFiles {
    private ShardFiles() {
    }

    /**
     * Returns a copy of {@code base} in which {@code file:} paths use the raw local file system: shards
     * carry a sha256 in the manifest, so Hadoop's {@code .crc} side files would only clutter the table
     * folder. The cache is disabled for that scheme so the shared, checksumming instance stays untouched.
     */
    public static Configuration configuration(Configuration base) {
        Configuration conf = new Configuration(base);
        conf.set("fs.file.impl", org.apache.hadoop.fs.RawLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }

    public static Configuration configuration() {
        return configuration(new Configuration());
    }

    public static String sha256(Path file, Configuration conf) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        try (InputStream in = fs.open(file)) {
            return Sha256.ofStream(in);
        }
    }
}
