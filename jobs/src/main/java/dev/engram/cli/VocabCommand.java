package dev.engram.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.tokenizer.HfTokenizer;
import dev.engram.vocab.CompressedVocabulary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engram vocab}: builds the compressed vocabulary of a tokenizer and prints its sizes as JSON. */
@Command(
        name = "vocab",
        mixinStandardHelpOptions = true,
        description = "Builds the compressed vocabulary of a Hugging Face tokenizer (ids whose normalized text is equal "
                + "share one compressed id) and prints {\"tokenizerIds\":N,\"compressedSize\":M}.")
final class VocabCommand implements Callable<Integer> {

    @Option(names = "--tokenizer", required = true, paramLabel = "PATH", description = "Hugging Face tokenizer.json.")
    Path tokenizer;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Also write the vocabulary with its lookup table and the tokenizer's sha256 to FILE (JSON).")
    Path out;

    @Override
    public Integer call() throws Exception {
        CompressedVocabulary vocabulary;
        try (HfTokenizer hf = HfTokenizer.load(tokenizer)) {
            vocabulary = CompressedVocabulary.build(hf);
        }
        if (out != null) {
            vocabulary.save(out);
        }
        ObjectNode summary = new ObjectMapper().createObjectNode();
        summary.put("tokenizerIds", vocabulary.tokenizerIds());
        summary.put("compressedSize", vocabulary.size());
        System.out.println(new ObjectMapper().writeValueAsString(summary));
        return 0;
    }
}
