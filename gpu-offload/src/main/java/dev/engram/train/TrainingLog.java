package dev.engram.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The JSONL training log: one object per step with {@code step, tokens, loss, val_loss (null between
 * validations), lr, tokens_per_s, grad_norm, gate_mean, gate_std} (the gate fields are per Engram layer,
 * in {@code engram.layer_ids} order). A resumed run appends to the same file.
 */
final class TrainingLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter writer;

    TrainingLog(Path file, boolean append) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    void write(int step, long tokens, double loss, Double validationLoss, double learningRate, double tokensPerSecond,
               double gradientNorm, double[] gateMean, double[] gateStd) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", step);
        line.put("tokens", tokens);
        line.put("loss", loss);
        if (validationLoss == null) {
            line.putNull("val_loss");
        } else {
            line.put("val_loss", validationLoss);
        }
        line.put("lr", learningRate);
        line.put("tokens_per_s", tokensPerSecond);
        line.put("grad_norm", gradientNorm);
        ArrayNode means = line.putArray("gate_mean");
        for (double value : gateMean) {
            means.add(value);
        }
        ArrayNode spreads = line.putArray("gate_std");
        for (double value : gateStd) {
            spreads.add(value);
        }
        writer.write(JSON.writeValueAsString(line));
        writer.newLine();
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
