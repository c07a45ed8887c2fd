package dev.engram.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The loss curve of one training run, as {@code engram train} writes it to {@code train-log.jsonl}: one
 * point per optimizer step.
 *
 * @param tokens            training tokens seen after each step
 * @param loss              training loss of each step
 * @param validationLoss    validation loss after each step, NaN for steps without a validation pass
 */
public record TrainingCurve(double[] tokens, double[] loss, double[] validationLoss) {
    public TrainingCurve {
        if (tokens.length != loss.length || tokens.length != validationLoss.length) {
            throw new IllegalArgumentException("a training curve needs as many losses as token counts, got "
                    + tokens.length + ", " + loss.length + " and " + validationLoss.length);
        }
    }

    /**
     * Reads {@code train-log.jsonl}, whose lines carry {@code tokens}, {@code loss} and {@code val_loss} (null
     * between validation passes).
     *
     * @throws IllegalArgumentException naming the file and line when a line lacks {@code tokens} or {@code loss}
     */
    public static TrainingCurve read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<double[]> points = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode point = json.readTree(line);
                if (!point.path("tokens").isNumber() || !point.path("loss").isNumber()) {
                    throw new IllegalArgumentException(file + " line " + lineNumber
                            + ": expected numeric tokens and loss fields, got " + line);
                }
                JsonNode validation = point.path("val_loss");
                points.add(new double[] {point.get("tokens").doubleValue(), point.get("loss").doubleValue(),
                        validation.isNumber() ? validation.doubleValue() : Double.NaN});
            }
        }
        double[] tokens = new double[points.size()];
        double[] loss = new double[points.size()];
        double[] validationLoss = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            tokens[i] = points.get(i)[0];
            loss[i] = points.get(i)[1];
            validationLoss[i] = points.get(i)[2];
        }
        return new TrainingCurve(tokens, loss, validationLoss);
    }

    /** Returns the number of logged steps. */
    public int size() {
        return tokens.length;
    }
}
