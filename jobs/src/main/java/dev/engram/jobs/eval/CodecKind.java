package dev.engram.jobs.eval;

import dev.engram.eval.score.AsciiTextCodec;
import dev.engram.eval.score.HfTextCodec;
import dev.engram.eval.score.IdTextCodec;
import dev.engram.eval.score.TextCodec;
import dev.engram.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The text codec that turns prompt text into a model's token ids. */
public enum CodecKind {
    /** The model folder's tokenizer.json when it has one, else {@link #IDS}. */
    AUTO,
    /** The model folder's tokenizer.json. */
    TOKENIZER,
    /** Text is decimal token ids separated by spaces, for models without a tokenizer. */
    IDS,
    /** One id per printable ASCII character, for 96-id test models without a tokenizer. */
    ASCII;

    /** Returns the concrete kind for a model folder: AUTO becomes TOKENIZER or IDS. */
    public CodecKind resolve(Path modelFolder) {
        if (this != AUTO) {
            return this;
        }
        return Files.exists(modelFolder.resolve("tokenizer.json")) ? TOKENIZER : IDS;
    }

    /**
     * Opens the codec; the caller closes the returned tokenizer, if any, when done with the codec.
     *
     * @throws IllegalArgumentException if the folder lacks what the kind needs
     */
    Opened open(Path modelFolder, int vocabSize) throws IOException {
        return switch (resolve(modelFolder)) {
            case TOKENIZER -> {
                Path file = modelFolder.resolve("tokenizer.json");
                if (!Files.exists(file)) {
                    throw new IllegalArgumentException("--codec tokenizer needs " + file + ", which does not exist");
                }
                HfTokenizer tokenizer = HfTokenizer.load(file);
                yield new Opened(new HfTextCodec(tokenizer), tokenizer);
            }
            case IDS -> new Opened(new IdTextCodec(vocabSize), null);
            case ASCII -> {
                if (vocabSize != AsciiTextCodec.VOCAB_SIZE) {
                    throw new IllegalArgumentException("--codec ascii needs a vocabulary of "
                            + AsciiTextCodec.VOCAB_SIZE + " ids, but the model has " + vocabSize);
                }
                yield new Opened(new AsciiTextCodec(), null);
            }
            case AUTO -> throw new IllegalStateException("resolve() never returns AUTO");
        };
    }

    /** An open codec and the native tokenizer behind it, or null. */
    record Opened(TextCodec codec, HfTokenizer tokenizer) implements AutoCloseable {
        @Override
        public void close() {
            if (tokenizer != null) {
                tokenizer.close();
            }
        }
    }
}
