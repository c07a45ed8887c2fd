package dev.engram.jobs.eval;

import dev.engram.eval.metric.MetricValue;
import dev.engram.eval.results.ScoredSample;
import dev.engram.schema.EvalSampleSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Reads and writes files of {@link EvalSampleSchema} rows on a local or mounted file system.
 *
 * <p>Limitation: paths go through java.nio, so on a cluster the run folder must be on a file system that
 * every executor mounts at the same path; HDFS and object stores are not supported here.
 */
public final class SampleParquet {
    private SampleParquet() {
    }

    /** Writes rows to a hidden temporary sibling and renames it onto {@code file}, so readers see all rows or none. */
    public static void writeAtomically(Path file, List<CachedSample> rows) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        SimpleGroupFactory groups = new SimpleGroupFactory(EvalSampleSchema.SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(temp))
                .withType(EvalSampleSchema.SCHEMA)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (CachedSample row : rows) {
                writer.write(toGroup(groups, row));
            }
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static List<CachedSample> read(Path file) throws IOException {
        List<CachedSample> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = new GroupReaderBuilder(file).build()) {
            for (Group group = reader.read(); group != null; group = reader.read()) {
                rows.add(fromGroup(group));
            }
        }
        return rows;
    }

    private static Group toGroup(SimpleGroupFactory groups, CachedSample row) {
        ScoredSample sample = row.sample();
        Group group = groups.newGroup()
                .append(EvalSampleSchema.CACHE_KEY, row.cacheKey())
                .append(EvalSampleSchema.MODEL_SHA, row.modelSha())
                .append(EvalSampleSchema.TASK, sample.task())
                .append(EvalSampleSchema.TASK_VERSION, row.taskVersion())
                .append(EvalSampleSchema.DOC_ID, sample.docId())
                .append(EvalSampleSchema.ITEM_HASH, sample.itemHash());
        sample.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(metric ->
                group.addGroup(EvalSampleSchema.METRICS)
                        .append(EvalSampleSchema.KEY, metric.getKey())
                        .append(EvalSampleSchema.VALUE, metric.getValue().value())
                        .append(EvalSampleSchema.WEIGHT, metric.getValue().weight()));
        sample.tags().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(tag ->
                group.addGroup(EvalSampleSchema.TAGS)
                        .append(EvalSampleSchema.KEY, tag.getKey())
                        .append(EvalSampleSchema.VALUE, tag.getValue()));
        return group;
    }

    private static CachedSample fromGroup(Group group) {
        Map<String, MetricValue> metrics = new HashMap<>();
        for (int i = 0; i < group.getFieldRepetitionCount(EvalSampleSchema.METRICS); i++) {
            Group metric = group.getGroup(EvalSampleSchema.METRICS, i);
            metrics.put(metric.getString(EvalSampleSchema.KEY, 0), new MetricValue(
                    metric.getDouble(EvalSampleSchema.VALUE, 0), metric.getDouble(EvalSampleSchema.WEIGHT, 0)));
        }
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < group.getFieldRepetitionCount(EvalSampleSchema.TAGS); i++) {
            Group tag = group.getGroup(EvalSampleSchema.TAGS, i);
            tags.put(tag.getString(EvalSampleSchema.KEY, 0), tag.getString(EvalSampleSchema.VALUE, 0));
        }
        ScoredSample sample = new ScoredSample(group.getString(EvalSampleSchema.TASK, 0),
                group.getInteger(EvalSampleSchema.DOC_ID, 0), group.getString(EvalSampleSchema.ITEM_HASH, 0),
                metrics, tags);
        return new CachedSample(group.getString(EvalSampleSchema.CACHE_KEY, 0),
                group.getString(EvalSampleSchema.MODEL_SHA, 0), group.getString(EvalSampleSchema.TASK_VERSION, 0),
                sample);
    }

    /** A reader builder for a local file; ParquetReader's own InputFile builder leaves the read support open. */
    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(Path file) {
            super(new LocalInputFile(file));
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
