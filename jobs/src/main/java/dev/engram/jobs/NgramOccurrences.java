package dev.engram.jobs;

import dev.engram.schema.NgramSchema;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * Enumerates the n-gram ending at every position of every document, for orders {@code minOrder..maxOrder}.
 *
 * <p>Boundary rule: an n-gram never spans two documents. At position {@code t < order - 1} the n-gram
 * reaches before the document start, and those positions hold the {@link NgramSchema#PAD pad}: the model
 * looks such n-grams up too, so they are counted like any other. Each document of length L therefore
 * gives exactly L n-grams of every order.
 */
abstract class NgramOccurrences<T> implements Iterator<T> {
    private final Iterator<Row> documents;
    private final int compressedColumn;
    private final int minOrder;
    private final int maxOrder;
    private int[] current = new int[0];
    private int position;
    private int order;

    NgramOccurrences(Iterator<Row> documents, int compressedColumn, int minOrder, int maxOrder) {
        this.documents = documents;
        this.compressedColumn = compressedColumn;
        this.minOrder = minOrder;
        this.maxOrder = maxOrder;
        this.order = maxOrder + 1;
        this.position = -1;
    }

    /** Builds the output element for the n-gram of {@code order} ending at {@code end} of {@code ids}. */
    abstract T emit(int[] ids, int end, int order);

    @Override
    public boolean hasNext() {
        while (order > maxOrder && position + 1 >= current.length) {
            if (!documents.hasNext()) {
                return false;
            }
            current = compressedIds(documents.next());
            position = -1;
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (order > maxOrder) {
            position++;
            order = minOrder;
        }
        return emit(current, position, order++);
    }

    private int[] compressedIds(Row row) {
        java.util.List<Integer> list = row.getList(compressedColumn);
        int[] ids = new int[list.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = list.get(i);
        }
        return ids;
    }
}
