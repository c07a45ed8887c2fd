package dev.engram.table;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.PageEncodingStats;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Rewrites a Parquet footer in place so that its lists come in a fixed order.
 *
 * <p>parquet-mr 1.17 collects each column chunk's encodings in a {@code HashSet} of enum constants,
 * whose iteration order follows identity hash codes and so changes from one JVM to the next. Two
 * executors writing the same rows therefore produce footers that differ in a few bytes, which breaks
 * the sha256 equality the table manifest relies on. Sorting the encodings, the page encoding
 * statistics and the key-value metadata fixes the bytes without changing their length or meaning,
 * so the footer can be overwritten where it is.
 */
public final class FooterCanonicalizer {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private FooterCanonicalizer() {
    }

    /** Sorts the footer lists of the Parquet file at {@code file}, a local path. */
    public static void canonicalize(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            ByteBuffer tail = readFully(channel, size - 8, 8, file).order(ByteOrder.LITTLE_ENDIAN);
            int footerLength = tail.getInt(0);
            byte[] magic = new byte[4];
            tail.position(4);
            tail.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC) || footerLength <= 0 || footerLength > size - 12) {
                throw new IOException("not a Parquet file (missing footer): " + file);
            }
            long footerStart = size - 8 - footerLength;
            byte[] footer = readFully(channel, footerStart, footerLength, file).array();

            FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(footer));
            sortLists(metadata);
            ByteArrayOutputStream rewritten = new ByteArrayOutputStream(footerLength);
            Util.writeFileMetaData(metadata, rewritten);
            if (rewritten.size() != footerLength) {
                throw new IOException("sorted Parquet footer of " + file + " has " + rewritten.size()
                        + " bytes instead of " + footerLength + "; left unchanged");
            }
            channel.write(ByteBuffer.wrap(rewritten.toByteArray()), footerStart);
        }
    }

    private static void sortLists(FileMetaData metadata) {
        for (RowGroup rowGroup : metadata.getRow_groups()) {
            for (ColumnChunk chunk : rowGroup.getColumns()) {
                ColumnMetaData column = chunk.getMeta_data();
                List<Encoding> encodings = new ArrayList<>(column.getEncodings());
                encodings.sort(Comparator.comparingInt(Encoding::getValue));
                column.setEncodings(encodings);
                if (column.isSetEncoding_stats()) {
                    List<PageEncodingStats> stats = new ArrayList<>(column.getEncoding_stats());
                    stats.sort(Comparator.comparingInt((PageEncodingStats s) -> s.getPage_type().getValue())
                            .thenComparingInt(s -> s.getEncoding().getValue()));
                    column.setEncoding_stats(stats);
                }
            }
        }
        if (metadata.isSetKey_value_metadata()) {
            List<KeyValue> keyValues = new ArrayList<>(metadata.getKey_value_metadata());
            keyValues.sort(Comparator.comparing(KeyValue::getKey));
            metadata.setKey_value_metadata(keyValues);
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path file) throws IOException {
        if (position < 0) {
            throw new IOException("not a Parquet file (too short): " + file);
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file while reading the Parquet footer of " + file);
            }
        }
        buffer.flip();
        return buffer;
    }
}
