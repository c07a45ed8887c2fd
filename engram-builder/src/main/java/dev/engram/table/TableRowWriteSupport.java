package dev.engram.table;

import dev.engram.schema.ParquetLists;
import dev.engram.schema.TableShardSchema;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;

/** Writes {@link TableRow}s in the {@link TableShardSchema} layout. */
final class TableRowWriteSupport extends WriteSupport<TableRow> {
    private final Map<String, String> footerMetadata;
    private RecordConsumer consumer;

    TableRowWriteSupport(Map<String, String> footerMetadata) {
        this.footerMetadata = Map.copyOf(footerMetadata);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(TableShardSchema.SCHEMA, footerMetadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(TableRow row) {
        consumer.startMessage();
        longField(TableShardSchema.BUCKET, 0, row.bucket(), true);
        longField(TableShardSchema.HITS, 1, row.hits(), false);
        longField(TableShardSchema.DISTINCT, 2, row.distinct(), false);
        intList(TableShardSchema.TOP_NGRAM, 3, row.topNgram());
        longField(TableShardSchema.TOP_COUNT, 4, row.topCount(), false);
        floatList(TableShardSchema.VECTOR, 5, row.vector());
        consumer.endMessage();
    }

    private void longField(String name, int index, long value, boolean int32) {
        consumer.startField(name, index);
        if (int32) {
            consumer.addInteger((int) value);
        } else {
            consumer.addLong(value);
        }
        consumer.endField(name, index);
    }

    private void intList(String name, int index, int[] values) {
        consumer.startField(name, index);
        consumer.startGroup();
        // An empty list is a list group without the repeated field, which Parquet requires to be omitted.
        if (values.length > 0) {
            consumer.startField(ParquetLists.REPEATED, 0);
            for (int value : values) {
                consumer.startGroup();
                consumer.startField(ParquetLists.ELEMENT, 0);
                consumer.addInteger(value);
                consumer.endField(ParquetLists.ELEMENT, 0);
                consumer.endGroup();
            }
            consumer.endField(ParquetLists.REPEATED, 0);
        }
        consumer.endGroup();
        consumer.endField(name, index);
    }

    private void floatList(String name, int index, float[] values) {
        consumer.startField(name, index);
        consumer.startGroup();
        if (values.length > 0) {
            consumer.startField(ParquetLists.REPEATED, 0);
            for (float value : values) {
                consumer.startGroup();
                consumer.startField(ParquetLists.ELEMENT, 0);
                consumer.addFloat(value);
                consumer.endField(ParquetLists.ELEMENT, 0);
                consumer.endGroup();
            }
            consumer.endField(ParquetLists.REPEATED, 0);
        }
        consumer.endGroup();
        consumer.endField(name, index);
    }
}
