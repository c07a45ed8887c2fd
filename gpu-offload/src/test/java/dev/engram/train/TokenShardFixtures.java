package dev.engram.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes token shards with the schema Spark gives {@code tokenize} output: three-level int32 lists. */
final class TokenShardFixtures {
    static final MessageType SPARK_SCHEMA = MessageTypeParser.parseMessageType("""
            message spark_schema {
              optional binary doc_id (STRING);
              optional group ids (LIST) { repeated group list { optional int32 element; } }
              optional group compressed (LIST) { repeated group list { optional int32 element; } }
            }""");

    private TokenShardFixtures() {
    }

    static void write(Path file, List<int[]> documents) throws IOException {
        SimpleGroupFactory factory = new SimpleGroupFactory(SPARK_SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(SPARK_SCHEMA).build()) {
            for (int d = 0; d < documents.size(); d++) {
                Group row = factory.newGroup().append("doc_id", "doc-" + d);
                Group ids = row.addGroup("ids");
                Group compressed = row.addGroup("compressed");
                for (int id : documents.get(d)) {
                    ids.addGroup("list").append("element", id);
                    compressed.addGroup("list").append("element", id);
                }
                writer.write(row);
            }
        }
    }
}
