package dev.engram.jobs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.io.Sha256;
import dev.engram.model.CompressedIdMap;
import dev.engram.model.ModelConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The identity of a model folder for the score cache, found while checking its tokenizer before scoring.
 *
 * @param modelSha     sha256 over the sha256s of config.json, model.safetensors, the compressed vocabulary
 *                     and tokenizer.json (those that exist), so a change to any of them invalidates cached scores
 * @param tokenizerSha sha256 of tokenizer.json, or null for a model without one
 * @param tableDir     the table folder the config names, or null when the tables sit in model.safetensors
 */
public record ModelIdentity(String modelSha, String tokenizerSha, Path tableDir) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Hashes a model folder and checks that its tokenizer.json is the one its config, its compressed
     * vocabulary and its table folder's manifest.json were built with, where they record one.
     *
     * @throws IllegalArgumentException naming both sha256s when a recorded tokenizer differs
     */
    public static ModelIdentity inspect(Path folder) throws IOException {
        ModelConfig config = ModelConfig.read(folder.resolve("config.json"));
        Path tokenizer = folder.resolve("tokenizer.json");
        String tokenizerSha = Files.exists(tokenizer) ? Sha256.ofFile(tokenizer) : null;
        List<Path> files = new ArrayList<>(List.of(folder.resolve("config.json"), folder.resolve("model.safetensors")));
        Path tableDir = null;
        if (config.hasEngram()) {
            Path vocabulary = folder.resolve(config.engram().compressedVocab());
            files.add(vocabulary);
            String recorded = CompressedIdMap.read(vocabulary, config.vocabSize()).tokenizerSha256();
            check(tokenizerSha, recorded, "compressed vocabulary " + vocabulary, tokenizer);
            if (config.engram().tableDir() != null) {
                tableDir = folder.resolve(config.engram().tableDir());
                check(tokenizerSha, tableManifestTokenizer(tableDir), "table manifest "
                        + tableDir.resolve("manifest.json"), tokenizer);
            }
        }
        check(tokenizerSha, config.tokenizerSha256(), "model config " + folder.resolve("config.json"), tokenizer);
        if (tokenizerSha != null) {
            files.add(tokenizer);
        }

        StringBuilder shas = new StringBuilder();
        for (Path file : files) {
            shas.append(file.getFileName()).append('=').append(Sha256.ofFile(file)).append('\n');
        }
        return new ModelIdentity(Sha256.ofBytes(shas.toString().getBytes(StandardCharsets.UTF_8)), tokenizerSha,
                tableDir);
    }

    private static void check(String tokenizerSha, String recorded, String recordedBy, Path tokenizer) {
        if (tokenizerSha != null && recorded != null && !recorded.equals(tokenizerSha)) {
            throw new IllegalArgumentException("tokenizer " + tokenizer + " has sha256 " + tokenizerSha + " but the "
                    + recordedBy + " was built with a tokenizer of sha256 " + recorded
                    + "; scores would use mismatched token ids, so put the matching tokenizer.json in the model folder");
        }
    }

    /** Returns the tokenizer sha256 a table folder's manifest.json records, or null where there is none. */
    private static String tableManifestTokenizer(Path tableDir) throws IOException {
        Path manifest = tableDir.resolve("manifest.json");
        if (!Files.exists(manifest)) {
            return null;
        }
        JsonNode sha = JSON.readTree(manifest.toFile()).path("tokenizer").path("sha256");
        return sha.isTextual() ? sha.textValue() : null;
    }
}
