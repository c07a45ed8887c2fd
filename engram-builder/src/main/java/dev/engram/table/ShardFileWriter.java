package dev.engram.table;

import dev.engram.schema.ShardEntry;
import dev.engram.schema.TableShardSchema;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes one table shard file with parquet-hadoop.
 *
 * <p>Every writer setting is fixed here rather than taken from the cluster's Hadoop configuration, and
 * the footer contains no timestamps, so equal rows give byte-identical files wherever the task runs.
 * Snappy keeps the integer columns small; the vectors are random floats that no codec shrinks, so
 * dictionary encoding is off for them.
 */
public final class ShardFileWriter {
    private static final int ROW_GROUP_BYTES = 64 << 20;

    private ShardFileWriter() {
    }

    /**
     * Writes rows, which must come sorted by bucket, to {@code tableDir/<shard path>} and returns the
     * manifest entry with the file's sha256.
     */
    public static ShardEntry write(Path tableDir, TableLayout.ShardKey key, int prime, Iterator<TableRow> rows,
                                   Configuration baseConf) throws IOException {
        Configuration conf = ShardFiles.configuration(baseConf);
        Path file = new Path(tableDir, key.path());
        FileSystem fs = file.getFileSystem(conf);
        fs.mkdirs(file.getParent());

        // The shard is written to local disk first, because its footer is rewritten in place before upload.
        java.nio.file.Path local = java.nio.file.Files.createTempFile("engram-shard-", ".parquet");
        try {
            long[] written = writeLocal(local, key, prime, rows, conf);
            FooterCanonicalizer.canonicalize(local);
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(local);
                    java.io.OutputStream out = fs.create(file, true)) {
                in.transferTo(out);
            }
            long bytes = fs.getFileStatus(file).getLen();
            return new ShardEntry(key.layerId(), key.order(), key.head(), prime, key.path(),
                    ShardFiles.sha256(file, conf), written[0], written[1], bytes);
        } finally {
            java.nio.file.Files.deleteIfExists(local);
        }
    }

    /** Writes the rows to a local file and returns {row count, hit sum}. */
    private static long[] writeLocal(java.nio.file.Path local, TableLayout.ShardKey key, int prime,
                                     Iterator<TableRow> rows, Configuration conf) throws IOException {
        Path file = new Path(local.toUri());

        Map<String, String> footer = Map.of(
                TableShardSchema.META_LAYER_ID, Integer.toString(key.layerId()),
                TableShardSchema.META_ORDER, Integer.toString(key.order()),
                TableShardSchema.META_HEAD, Integer.toString(key.head()),
                TableShardSchema.META_PRIME, Integer.toString(prime));
        long count = 0;
        long hits = 0;
        int previousBucket = -1;
        try (ParquetWriter<TableRow> writer = new Builder(HadoopOutputFile.fromPath(file, conf), footer)
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withDictionaryEncoding(true)
                .withDictionaryEncoding(TableShardSchema.VECTOR + ".list.element", false)
                .withPageWriteChecksumEnabled(true)
                .build()) {
            while (rows.hasNext()) {
                TableRow row = rows.next();
                if (row.bucket() <= previousBucket || row.bucket() >= prime) {
                    throw new IllegalArgumentException("shard " + key.path() + ": bucket " + row.bucket()
                            + " after bucket " + previousBucket + " breaks the strictly increasing order in [0, "
                            + prime + ")");
                }
                previousBucket = row.bucket();
                writer.write(row);
                count++;
                hits += row.hits();
            }
        }
        return new long[] {count, hits};
    }

    private static final class Builder extends ParquetWriter.Builder<TableRow, Builder> {
        private final Map<String, String> footer;

        Builder(OutputFile file, Map<String, String> footer) {
            super(file);
            this.footer = footer;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<TableRow> getWriteSupport(Configuration conf) {
            return new TableRowWriteSupport(footer);
        }
    }
}
