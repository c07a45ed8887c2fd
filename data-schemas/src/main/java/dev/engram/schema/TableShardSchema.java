package dev.engram.schema;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Parquet schema of one Engram table shard, the rows of one (layer, order, head), sorted by bucket.
 *
 * <ul>
 *   <li>{@code bucket}: row index in {@code [0, prime)} of that head.</li>
 *   <li>{@code hits}: sum of the counts of every n-gram that hashes here, that is how many lookups the
 *       corpus makes into this row.</li>
 *   <li>{@code distinct}: how many distinct n-grams hash here; above 1 the row is shared by a collision.</li>
 *   <li>{@code top_ngram}, {@code top_count}: the n-gram with the highest count in this bucket (ties go to
 *       the lexicographically smallest compressed-id list), pad positions already replaced by the
 *       compressed pad id. Both are empty (length 0, count 0) in a row that no n-gram reaches.</li>
 *   <li>{@code vector}: the row's initial embedding, {@code head-dim} floats generated from
 *       (seed, layer, order, head, bucket) alone.</li>
 * </ul>
 */
public final class TableShardSchema {
    public static final String BUCKET = "bucket";
    public static final String HITS = "hits";
    public static final String DISTINCT = "distinct";
    public static final String TOP_NGRAM = "top_ngram";
    public static final String TOP_COUNT = "top_count";
    public static final String VECTOR = "vector";

    /** Key-value metadata entries every shard footer carries, so a file identifies its own shard. */
    public static final String META_LAYER_ID = "engram.layer_id";
    public static final String META_ORDER = "engram.order";
    public static final String META_HEAD = "engram.head";
    public static final String META_PRIME = "engram.prime";

    public static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.INT32).named(BUCKET)
            .required(PrimitiveTypeName.INT64).named(HITS)
            .required(PrimitiveTypeName.INT64).named(DISTINCT)
            .addField(ParquetLists.requiredIntList(TOP_NGRAM))
            .required(PrimitiveTypeName.INT64).named(TOP_COUNT)
            .addField(ParquetLists.requiredFloatList(VECTOR))
            .named("engram_table_shard");

    private TableShardSchema() {
    }
}
