package dev.engram.tokenizer.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a {@link BpeModel} as a Hugging Face {@code tokenizer.json} that encodes exactly like
 * {@link BpeReferenceEncoder}.
 *
 * <p>The file has no normalizer, a {@code ByteLevel} pre-tokenizer with {@code use_regex: true} and
 * {@code add_prefix_space: false}, a {@code BPE} model without byte fallback or unknown token, a
 * {@code ByteLevel} decoder and no post-processor, so encoding adds no tokens. The special tokens are
 * added tokens with {@code special: true} and {@code normalized: false}, and they also appear in the
 * model vocabulary under the same ids. Merges are written as {@code "left right"} strings, the form every
 * tokenizers release reads; byte-level tokens never contain a space, which makes that form unambiguous.
 */
public final class TokenizerJsonWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TokenizerJsonWriter() {
    }

    /**
     * Writes the file through a temporary file in the same folder, then renames it into place, so
     * readers never see a partial file.
     *
     * @throws IOException if the folder is missing or not writable
     */
    public static void write(BpeModel model, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), toJson(model));
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Builds the JSON tree of the file. */
    public static ObjectNode toJson(BpeModel model) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");

        ArrayNode added = root.putArray("added_tokens");
        List<String> specials = model.specialTokens();
        for (int id = 0; id < specials.size(); id++) {
            added.addObject()
                    .put("id", id)
                    .put("content", specials.get(id))
                    .put("single_word", false)
                    .put("lstrip", false)
                    .put("rstrip", false)
                    .put("normalized", false)
                    .put("special", true);
        }

        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(nodes));
        root.putNull("post_processor");
        root.set("decoder", byteLevel(nodes));
        root.set("model", bpeModel(model, nodes));
        return root;
    }

    private static ObjectNode byteLevel(JsonNodeFactory nodes) {
        return nodes.objectNode()
                .put("type", "ByteLevel")
                .put("add_prefix_space", false)
                .put("trim_offsets", true)
                .put("use_regex", true);
    }

    private static ObjectNode bpeModel(BpeModel model, JsonNodeFactory nodes) {
        ObjectNode bpe = nodes.objectNode().put("type", "BPE");
        bpe.putNull("dropout");
        bpe.putNull("unk_token");
        bpe.putNull("continuing_subword_prefix");
        bpe.putNull("end_of_word_suffix");
        bpe.put("fuse_unk", false);
        bpe.put("byte_fallback", false);
        bpe.put("ignore_merges", false);

        ObjectNode vocab = bpe.putObject("vocab");
        List<String> tokens = model.tokens();
        for (int id = 0; id < tokens.size(); id++) {
            vocab.put(tokens.get(id), id);
        }
        ArrayNode merges = bpe.putArray("merges");
        for (BpeModel.Merge merge : model.merges()) {
            merges.add(tokens.get(merge.left()) + " " + tokens.get(merge.right()));
        }
        return bpe;
    }
}
