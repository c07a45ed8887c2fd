package dev.engram.jobs.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.eval.synth.Corpus;
import dev.engram.eval.score.TextCodec;
import dev.engram.kernels.VectorKernels;
import dev.engram.model.EngramModel;
import dev.engram.model.InferenceState;
import dev.engram.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@value RunFolderReader#GATE}: the Engram gate value of every token of one sample text, per Engram
 * layer, for the report's token-by-token gate plot. The sample is the start of the first held-out document
 * when the run has a corpus, else a fixed sentence (fixed ids for id-level models).
 */
final class GateTraceWriter {
    static final int MAX_TOKENS = 96;
    private static final String SAMPLE_TEXT = "The Congress shall have power to lay and collect taxes, duties, imposts "
            + "and excises, to pay the debts and provide for the common defence and general welfare of the United States.";
    private static final Logger LOG = LoggerFactory.getLogger(GateTraceWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private GateTraceWriter() {
    }

    /** Writes the trace into {@code folder} when the model has Engram layers; does nothing otherwise. */
    static void write(Path model, CodecKind codec, ModelConfig config, Path corpus, Path folder) throws IOException {
        if (!config.hasEngram()) {
            return;
        }
        try (CodecKind.Opened opened = codec.open(model, config.vocabSize());
                EngramModel engram = EngramModel.load(model, new VectorKernels(1), false)) {
            TextCodec text = opened.codec();
            int[] encoded = text.encode(sample(codec, corpus, config.vocabSize()));
            int[] ids = Arrays.copyOf(encoded, Math.min(encoded.length, Math.min(MAX_TOKENS, config.maxSeqLen())));
            if (ids.length == 0) {
                LOG.warn("Gate trace skipped: the sample text encodes to no tokens");
                return;
            }
            InferenceState state = engram.newState(ids.length);
            state.recordGates();
            engram.forward(state, ids);

            ObjectNode trace = JSON.createObjectNode();
            ArrayNode tokens = trace.putArray("tokens");
            for (int id : ids) {
                tokens.add(text.decode(new int[] {id}));
            }
            ObjectNode layers = trace.putObject("layers");
            int[] layerIds = config.engram().layerIds();
            for (int index = 0; index < layerIds.length; index++) {
                ArrayNode values = layers.putArray(Integer.toString(layerIds[index]));
                for (float gate : state.gates(index)) {
                    values.add(gate);
                }
            }
            Files.write(folder.resolve(RunFolderReader.GATE), JSON.writeValueAsBytes(trace));
            LOG.info("Wrote the Engram gate trace of {} tokens for layers {}", ids.length, Arrays.toString(layerIds));
        }
    }

    private static String sample(CodecKind codec, Path corpus, int vocabSize) throws IOException {
        if (corpus != null) {
            String document = Corpus.read(corpus).documents().getFirst();
            return codec == CodecKind.IDS ? document : document.substring(0, Math.min(document.length(), 600));
        }
        if (codec == CodecKind.IDS) {
            return IntStream.range(0, 32).map(i -> (i * 7 + 3) % vocabSize).mapToObj(Integer::toString)
                    .collect(Collectors.joining(" "));
        }
        return SAMPLE_TEXT;
    }
}
