package dev.engram.train;

import dev.engram.schema.TokenShardSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/** Writes token shards with the schema of {@code tokenize} output, {@link TokenShardSchema}. */
final class TokenShardFixtures {
    static final MessageType SCHEMA = TokenShardSchema.SCHEMA;

    private TokenShardFixtures() {
    }

    static void write(Path file, List<int[]> documents) throws IOException {
        SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(SCHEMA).build()) {
            for (int d = 0; d < documents.size(); d++) {
                Group row = factory.newGroup().append(TokenShardSchema.DOC_ID, (long) d);
                Group ids = row.addGroup(TokenShardSchema.IDS);
                Group compressed = row.addGroup(TokenShardSchema.COMPRESSED);
                for (int id : documents.get(d)) {
                    ids.addGroup("list").append("element", id);
                    compressed.addGroup("list").append("element", id);
                }
                writer.write(row);
            }
        }
    }
}
