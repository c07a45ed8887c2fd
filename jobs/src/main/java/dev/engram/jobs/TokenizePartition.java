package dev.engram.jobs;

import dev.engram.tokenizer.HfTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * Tokenizes the documents of one partition, lazily, with the executor's shared tokenizer. Documents that
 * give no tokens are dropped: they hold no n-gram.
 */
final class TokenizePartition implements FlatMapFunction<Iterator<Document>, TokenizedDocument> {
    private final String tokenizerLocation;
    private final boolean shippedWithSparkFiles;
    private final String tokenizerSha256;
    private final Broadcast<int[]> compressedLookup;

    /**
     * @param tokenizerLocation     an absolute local path, or the file name given to {@code SparkContext.addFile}
     * @param shippedWithSparkFiles whether to resolve the name through {@link SparkFiles} on the executor
     */
    TokenizePartition(String tokenizerLocation, boolean shippedWithSparkFiles, String tokenizerSha256,
                      Broadcast<int[]> compressedLookup) {
        this.tokenizerLocation = tokenizerLocation;
        this.shippedWithSparkFiles = shippedWithSparkFiles;
        this.tokenizerSha256 = tokenizerSha256;
        this.compressedLookup = compressedLookup;
    }

    @Override
    public Iterator<TokenizedDocument> call(Iterator<Document> documents) {
        Path file = Path.of(shippedWithSparkFiles ? SparkFiles.get(tokenizerLocation) : tokenizerLocation);
        HfTokenizer tokenizer = TokenizerCache.get(file, tokenizerSha256);
        int[] lookup = compressedLookup.value();
        return new Iterator<>() {
            private TokenizedDocument next = advance();

            private TokenizedDocument advance() {
                while (documents.hasNext()) {
                    Document document = documents.next();
                    int[] ids = tokenizer.encode(document.text());
                    if (ids.length == 0) {
                        continue;
                    }
                    int[] compressed = new int[ids.length];
                    for (int i = 0; i < ids.length; i++) {
                        compressed[i] = lookup[ids[i]];
                    }
                    long bytes = document.text().getBytes(StandardCharsets.UTF_8).length;
                    return new TokenizedDocument(document.docId(), ids, compressed, bytes);
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public TokenizedDocument next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                TokenizedDocument current = next;
                next = advance();
                return current;
            }
        };
    }
}
