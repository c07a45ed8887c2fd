package dev.engram.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import dev.engram.schema.TokenShardSchema;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * Reads the {@code ids} column (token ids of one document per row) of the Parquet shards that
 * {@code tokenize} writes ({@link TokenShardSchema}). Accepts both list encodings in use: the three-level
 * {@code LIST} group ({@code ids.list.element}) and a plain {@code repeated int32 ids}.
 *
 * <p>Limitation: local folders only; a Hadoop file system URI needs a Hadoop {@code InputFile} here.
 */
public final class TokenShardReader {

    private TokenShardReader() {
    }

    /** Returns every document of every {@code *.parquet} file under {@code folder}, files in path order. */
    public static List<int[]> readDocuments(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("token folder " + folder + " not found or not a directory");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(path -> path.getFileName().toString().endsWith(".parquet"))
                    .filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("token folder " + folder + " contains no .parquet files; "
                    + "point --tokens at the output of tokenize");
        }
        List<int[]> documents = new ArrayList<>();
        for (Path file : files) {
            readFile(file, documents);
        }
        return documents;
    }

    private static void readFile(Path file, List<int[]> documents) throws IOException {
        try (ParquetReader<Group> reader = new GroupReaderBuilder(new LocalInputFile(file)).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                documents.add(ids(row, file));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static int[] ids(Group row, Path file) {
        GroupType schema = row.getType();
        String column = TokenShardSchema.IDS;
        if (!schema.containsField(column)) {
            throw new IllegalArgumentException("token shard " + file + " has no ids column; its schema is " + schema);
        }
        Type field = schema.getType(column);
        int present = row.getFieldRepetitionCount(column);
        if (field.isPrimitive()) {
            int[] ids = new int[present];
            for (int i = 0; i < present; i++) {
                ids[i] = row.getInteger(column, i);
            }
            return ids;
        }
        if (present == 0) {
            return new int[0];
        }
        Group list = row.getGroup(column, 0);
        String repeated = list.getType().getType(0).getName();
        int count = list.getFieldRepetitionCount(repeated);
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            Group element = list.getGroup(repeated, i);
            ids[i] = element.getInteger(0, 0);
        }
        return ids;
    }

    /** A reader builder over a {@link LocalInputFile}, so no Hadoop file system is started. */
    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(InputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
