package dev.engram.schema;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Parquet schema of per-sample evaluation rows: {@code samples.parquet} of a run folder and the score
 * cache files under its {@code cache/} folder.
 *
 * <pre>
 * message eval_sample {
 *   required binary cache_key (STRING);     sha256 of model sha, task version and item hash
 *   required binary model_sha (STRING);
 *   required binary task (STRING);           task or subtask name, as in results.json
 *   required binary task_version (STRING);
 *   required int32 doc_id;                   the document's position in its file or generator
 *   required binary item_hash (STRING);      sha256 of the prompt, continuations and target
 *   repeated group metrics {                 one per "metric,filter" key
 *     required binary key (STRING);
 *     required double value;                 0/1 for accuracies, a log-likelihood for perplexities
 *     required double weight;                1 for means, words or bytes for weighted perplexities
 *   }
 *   repeated group tags {                    such as context_length, depth, characters
 *     required binary key (STRING);
 *     required binary value (STRING);
 *   }
 * }
 * </pre>
 */
public final class EvalSampleSchema {
    public static final String CACHE_KEY = "cache_key";
    public static final String MODEL_SHA = "model_sha";
    public static final String TASK = "task";
    public static final String TASK_VERSION = "task_version";
    public static final String DOC_ID = "doc_id";
    public static final String ITEM_HASH = "item_hash";
    public static final String METRICS = "metrics";
    public static final String TAGS = "tags";
    public static final String KEY = "key";
    public static final String VALUE = "value";
    public static final String WEIGHT = "weight";

    public static final MessageType SCHEMA = Types.buildMessage()
            .addField(string(CACHE_KEY))
            .addField(string(MODEL_SHA))
            .addField(string(TASK))
            .addField(string(TASK_VERSION))
            .addField(Types.required(PrimitiveTypeName.INT32).named(DOC_ID))
            .addField(string(ITEM_HASH))
            .addField(Types.buildGroup(Repetition.REPEATED)
                    .addField(string(KEY))
                    .addField(Types.required(PrimitiveTypeName.DOUBLE).named(VALUE))
                    .addField(Types.required(PrimitiveTypeName.DOUBLE).named(WEIGHT))
                    .named(METRICS))
            .addField(Types.buildGroup(Repetition.REPEATED)
                    .addField(string(KEY))
                    .addField(string(VALUE))
                    .named(TAGS))
            .named("eval_sample");

    private EvalSampleSchema() {
    }

    private static org.apache.parquet.schema.PrimitiveType string(String name) {
        return Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    }
}
