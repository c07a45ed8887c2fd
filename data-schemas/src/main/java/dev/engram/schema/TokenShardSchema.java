package dev.engram.schema;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Parquet schema of the token shards that {@code tokenize} writes: one row per document.
 *
 * <p>{@code ids} are the tokenizer's ids; {@code compressed} are the same positions mapped through the
 * compressed vocabulary, so both lists have the same length. Documents with no tokens are not written.
 */
public final class TokenShardSchema {
    public static final String DOC_ID = "doc_id";
    public static final String IDS = "ids";
    public static final String COMPRESSED = "compressed";

    public static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named(DOC_ID)
            .addField(ParquetLists.requiredIntList(IDS))
            .addField(ParquetLists.requiredIntList(COMPRESSED))
            .named("tokens");

    private TokenShardSchema() {
    }
}
