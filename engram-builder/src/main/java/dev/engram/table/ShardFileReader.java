package dev.engram.table;

import dev.engram.schema.TableShardSchema;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;

/** Reads every row of one table shard file into column arrays. */
public final class ShardFileReader {
    private ShardFileReader() {
    }

    /**
     * Reads a shard written by {@link ShardFileWriter}.
     *
     * @param expectedDim vector width from the manifest; a row of another width is an error
     * @throws IOException if the file cannot be read, is not a shard, or breaks the bucket order
     */
    public static ShardRows read(Path file, int expectedDim, Configuration baseConf) throws IOException {
        Configuration conf = ShardFiles.configuration(baseConf);
        InputFile input = HadoopInputFile.fromPath(file, conf);
        int capacity = 1024;
        int size = 0;
        int[] buckets = new int[capacity];
        long[] hits = new long[capacity];
        long[] distinct = new long[capacity];
        int[][] tops = new int[capacity][];
        long[] topCounts = new long[capacity];
        float[] vectors = new float[capacity * expectedDim];

        try (ParquetReader<Group> reader = new GroupReaderBuilder(input).withConf(conf).build()) {
            Group group;
            while ((group = reader.read()) != null) {
                if (size == capacity) {
                    capacity *= 2;
                    buckets = Arrays.copyOf(buckets, capacity);
                    hits = Arrays.copyOf(hits, capacity);
                    distinct = Arrays.copyOf(distinct, capacity);
                    tops = Arrays.copyOf(tops, capacity);
                    topCounts = Arrays.copyOf(topCounts, capacity);
                    vectors = Arrays.copyOf(vectors, capacity * expectedDim);
                }
                buckets[size] = group.getInteger(TableShardSchema.BUCKET, 0);
                if (size > 0 && buckets[size] <= buckets[size - 1]) {
                    throw new IOException("shard " + file + ": bucket " + buckets[size] + " follows bucket "
                            + buckets[size - 1] + "; rows must be sorted by bucket");
                }
                hits[size] = group.getLong(TableShardSchema.HITS, 0);
                distinct[size] = group.getLong(TableShardSchema.DISTINCT, 0);
                topCounts[size] = group.getLong(TableShardSchema.TOP_COUNT, 0);
                tops[size] = readIntList(group.getGroup(TableShardSchema.TOP_NGRAM, 0));
                readFloatList(group.getGroup(TableShardSchema.VECTOR, 0), vectors, size * expectedDim, expectedDim, file);
                size++;
            }
        } catch (RuntimeException e) {
            throw new IOException("shard " + file + " is not a readable Engram table shard: " + e.getMessage(), e);
        }
        return new ShardRows(Arrays.copyOf(buckets, size), Arrays.copyOf(hits, size), Arrays.copyOf(distinct, size),
                Arrays.copyOf(tops, size), Arrays.copyOf(topCounts, size),
                Arrays.copyOf(vectors, size * expectedDim), expectedDim);
    }

    private static int[] readIntList(Group list) {
        int n = list.getFieldRepetitionCount(0);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = list.getGroup(0, i).getInteger(0, 0);
        }
        return values;
    }

    private static void readFloatList(Group list, float[] out, int offset, int dim, Path file) throws IOException {
        int n = list.getFieldRepetitionCount(0);
        if (n != dim) {
            throw new IOException("shard " + file + ": vector has " + n + " floats but the manifest's head-dim is " + dim);
        }
        for (int i = 0; i < n; i++) {
            out[offset + i] = list.getGroup(0, i).getFloat(0, 0);
        }
    }

    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(InputFile file) {
            super(file);
        }

        @Override
        protected GroupReadSupport getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
