package dev.engram.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.engram.eval.task.DatasetSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/** Reads a benchmark file into JSON documents, one per item, in file order. */
public final class DocumentReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DocumentReader() {
    }

    /**
     * Reads {@code file} in the dataset's format and joins its labels file, if any.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed item
     */
    public static List<JsonNode> read(Path file, DatasetSpec dataset, Path labelsFile) throws IOException {
        List<JsonNode> documents = switch (dataset.format()) {
            case "jsonl" -> readJsonLines(file);
            case "json" -> readJsonRecords(file, dataset.records());
            case "csv" -> readCsv(file);
            case "hellaswag" -> readHellaswag(file);
            default -> throw new IllegalArgumentException("format " + dataset.format() + " of " + file
                    + " is not a benchmark file format");
        };
        if (labelsFile != null) {
            joinLabels(documents, labelsFile);
        }
        return documents;
    }

    private static List<JsonNode> readJsonLines(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        int lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + ": invalid JSON: "
                            + e.getOriginalMessage());
                }
                if (!node.isObject()) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + ": expected a JSON object");
                }
                documents.add(node);
            }
        }
        return documents;
    }

    private static List<JsonNode> readJsonRecords(Path file, String field) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode records = root.path(field);
        if (!records.isArray()) {
            throw new IllegalArgumentException(file + ": field " + field + " must be a list of documents, got "
                    + records.getNodeType());
        }
        List<JsonNode> documents = new ArrayList<>();
        records.forEach(documents::add);
        return documents;
    }

    private static List<JsonNode> readCsv(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<ObjectNode> rows = mapper.readerFor(ObjectNode.class).with(schema).readValues(file.toFile())) {
            while (rows.hasNext()) {
                documents.add(rows.next());
            }
        }
        return documents;
    }

    /**
     * Reads the six-line HellaSwag layout: {@code activity_label: context}, the gold index, four endings.
     * Documents get fields {@code ctx}, {@code label} and {@code endings}.
     */
    private static List<JsonNode> readHellaswag(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".bz2") ? new BZip2CompressorInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        if (lines.size() % 6 != 0) {
            throw new IllegalArgumentException(file + ": expected 6 lines per item, got " + lines.size() + " lines");
        }
        List<JsonNode> documents = new ArrayList<>();
        for (int start = 0; start < lines.size(); start += 6) {
            ObjectNode document = JSON.createObjectNode();
            document.put("ctx", lines.get(start));
            try {
                document.put("label", Integer.parseInt(lines.get(start + 1).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + (start + 2) + ": expected the gold index, got \""
                        + lines.get(start + 1) + "\"");
            }
            ArrayNode endings = document.putArray("endings");
            for (int i = 2; i < 6; i++) {
                endings.add(lines.get(start + i));
            }
            documents.add(document);
        }
        return documents;
    }

    private static void joinLabels(List<JsonNode> documents, Path labelsFile) throws IOException {
        List<String> labels = Files.readAllLines(labelsFile, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).toList();
        if (labels.size() != documents.size()) {
            throw new IllegalArgumentException("labels file " + labelsFile + " has " + labels.size()
                    + " labels for " + documents.size() + " documents");
        }
        for (int i = 0; i < labels.size(); i++) {
            ((ObjectNode) documents.get(i)).put("label", labels.get(i).strip());
        }
    }
}
