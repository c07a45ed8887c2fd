package dev.engram.schema;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Parquet schema of the n-gram counts that {@code count-ngrams} writes: one row per distinct n-gram.
 *
 * <p>{@code ngram} contains compressed ids oldest first, so its last element is the position the n-gram
 * ends at and its length is {@code order}. An element equal to {@link #PAD} stands for a position before
 * the document start: the hash reads the compressed pad id there, which {@code build-tables} fills in
 * because the pad token is part of the table config, not of the counts.
 */
public final class NgramSchema {
    public static final String ORDER = "order";
    public static final String NGRAM = "ngram";
    public static final String COUNT = "count";

    /** Placeholder element for a position before the document start. */
    public static final int PAD = -1;

    public static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.INT32).named(ORDER)
            .addField(ParquetLists.requiredIntList(NGRAM))
            .required(PrimitiveTypeName.INT64).named(COUNT)
            .named("ngrams");

    private NgramSchema() {
    }
}
