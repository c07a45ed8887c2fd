package dev.engram.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads input files into documents, in executors.
 *
 * <p>Hadoop input formats do the reading, so any Hadoop file system URI works and {@code .gz} (or any
 * other registered codec extension) is decompressed. Document ids are unique and the same for the same
 * input files: the file's position in the sorted input list sits in the bits above 40, and the low 40
 * bits hold the byte offset of the line ({@code lines}, {@code jsonl}) or the record's index in the file
 * ({@code json}), or 0 ({@code text}).
 */
final class DocumentSource {
    private static final int FILE_SHIFT = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DocumentSource() {
    }

    static JavaRDD<Document> read(SparkSession spark, List<Path> files, InputFormat format, String field) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Map<String, Integer> ordinals = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            ordinals.put(files.get(i).toString(), i);
        }
        Broadcast<Map<String, Integer>> fileOrdinals = sc.broadcast(ordinals);
        String paths = HadoopFiles.commaSeparated(files);
        return switch (format) {
            case TEXT -> sc.wholeTextFiles(paths).map(file ->
                    new Document(docId(fileOrdinals.value(), file._1(), 0), file._2()));
            case JSON -> sc.wholeTextFiles(paths).flatMap(file ->
                    jsonRecords(fileOrdinals.value(), file._1(), file._2(), field).iterator());
            case LINES, JSONL -> lines(sc, paths, fileOrdinals, format == InputFormat.JSONL ? field : null);
            case PARQUET -> parquet(spark, files, field);
        };
    }

    @SuppressWarnings("unchecked")
    private static JavaRDD<Document> lines(JavaSparkContext sc, String paths, Broadcast<Map<String, Integer>> fileOrdinals,
                                           String jsonField) {
        Configuration conf = new Configuration(sc.hadoopConfiguration());
        JavaNewHadoopRDD<LongWritable, Text> records = (JavaNewHadoopRDD<LongWritable, Text>)
                sc.newAPIHadoopFile(paths, TextInputFormat.class, LongWritable.class, Text.class, conf);
        return records.mapPartitionsWithInputSplit((split, lines) -> {
            String file = ((FileSplit) split).getPath().toString();
            List<Document> documents = new ArrayList<>();
            while (lines.hasNext()) {
                var line = lines.next();
                // The reader reuses its Text object, so the line is copied out before the next call.
                String text = line._2().toString();
                if (text.isBlank()) {
                    continue;
                }
                long offset = line._1().get();
                if (jsonField != null) {
                    text = JsonText.extract(parseJson(text, file, "line at byte " + offset), jsonField,
                            file + ": line at byte " + offset);
                }
                documents.add(new Document(docId(fileOrdinals.value(), file, offset), text));
            }
            return documents.iterator();
        }, true);
    }

    private static List<Document> jsonRecords(Map<String, Integer> ordinals, String file, String content, String field) {
        JsonNode root = parseJson(content, file, "file");
        List<Document> documents = new ArrayList<>();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                documents.add(new Document(docId(ordinals, file, i),
                        JsonText.extract(root.get(i), field, file + ": array element " + i)));
            }
        } else if (root.isObject()) {
            documents.add(new Document(docId(ordinals, file, 0), JsonText.extract(root, field, file)));
        } else {
            throw new JobInputException(file + ": expected a JSON object or an array of objects, got "
                    + root.getNodeType());
        }
        return documents;
    }

    private static JsonNode parseJson(String text, String file, String where) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new JobInputException(file + ": " + where + " is not valid JSON (" + e.getOriginalMessage()
                    + "); check --format", e);
        }
    }

    private static JavaRDD<Document> parquet(SparkSession spark, List<Path> files, String column) {
        Dataset<Row> table = spark.read().parquet(files.stream().map(Path::toString).toArray(String[]::new));
        if (!List.of(table.columns()).contains(column)) {
            throw new JobInputException("field: Parquet inputs have no column '" + column + "'; columns are "
                    + List.of(table.columns()));
        }
        DataType type = table.schema().apply(column).dataType();
        org.apache.spark.sql.Column text;
        if (type.equals(DataTypes.StringType)) {
            text = functions.col(column);
        } else if (type instanceof ArrayType array && array.elementType().equals(DataTypes.StringType)) {
            text = functions.concat_ws("\n", functions.col(column));
        } else {
            throw new JobInputException("field: Parquet column '" + column + "' has type " + type.simpleString()
                    + "; expected string or array<string>");
        }
        // Limitation: Parquet row groups can be split across tasks, so doc_id here is Spark's
        // monotonically_increasing_id: unique, but it changes when the input partitioning changes.
        return table.select(functions.monotonically_increasing_id().as("doc_id"), text.as("text"))
                .where(functions.col("text").isNotNull())
                .toJavaRDD()
                .map(row -> new Document(row.getLong(0), row.getString(1)));
    }

    private static long docId(Map<String, Integer> ordinals, String file, long position) {
        Integer ordinal = ordinals.get(file);
        if (ordinal == null) {
            throw new IllegalStateException("input file " + file + " is not in the listed inputs " + ordinals.keySet());
        }
        if (position >= 1L << FILE_SHIFT) {
            throw new JobInputException(file + ": position " + position + " exceeds the 2^40 that document ids reserve");
        }
        return ((long) ordinal << FILE_SHIFT) | position;
    }
}
