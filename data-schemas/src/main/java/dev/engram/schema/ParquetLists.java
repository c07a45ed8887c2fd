package dev.engram.schema;

import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Builds list columns in the standard three-level Parquet layout ({@code <name> (LIST) { repeated group
 * list { element } }}), the layout Spark and parquet-hadoop both write and read without legacy flags.
 */
public final class ParquetLists {
    /** Name of the repeated group inside a standard list column. */
    public static final String REPEATED = "list";
    /** Name of the element field inside the repeated group. */
    public static final String ELEMENT = "element";

    private ParquetLists() {
    }

    public static GroupType requiredIntList(String name) {
        return list(name, PrimitiveTypeName.INT32);
    }

    public static GroupType requiredFloatList(String name) {
        return list(name, PrimitiveTypeName.FLOAT);
    }

    private static GroupType list(String name, PrimitiveTypeName elementType) {
        return Types.requiredList()
                .element(Types.required(elementType).named(ELEMENT))
                .named(name);
    }
}
