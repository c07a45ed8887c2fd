package dev.engram.jobs;

import dev.engram.schema.NgramSchema;
import dev.engram.schema.TokenShardSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark SQL schemas that write the Parquet layouts of {@link TokenShardSchema} and {@link NgramSchema}.
 * Every field and list element is non-nullable so Spark writes them as {@code required}.
 */
final class SparkSchemas {
    static final StructType TOKENS = new StructType()
            .add(TokenShardSchema.DOC_ID, DataTypes.LongType, false)
            .add(TokenShardSchema.IDS, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add(TokenShardSchema.COMPRESSED, DataTypes.createArrayType(DataTypes.IntegerType, false), false);

    static final StructType NGRAMS = new StructType()
            .add(NgramSchema.ORDER, DataTypes.IntegerType, false)
            .add(NgramSchema.NGRAM, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add(NgramSchema.COUNT, DataTypes.LongType, false);

    private SparkSchemas() {
    }
}
