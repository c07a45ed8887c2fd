package dev.engram.eval.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes report.html and report.md into a folder, each through a temporary file so a reader never sees half. */
public final class ReportWriter {
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";
    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

    private ReportWriter() {
    }

    public static void write(List<ReportRun> runs, Path folder) throws IOException {
        long start = System.nanoTime();
        String generated = Instant.now().toString();
        Files.createDirectories(folder);
        writeAtomically(folder.resolve(HTML), HtmlReport.render(runs, generated));
        writeAtomically(folder.resolve(MARKDOWN), MarkdownReport.render(runs, generated));
        LOG.info("Wrote report of {} run(s) to {} in {} ms", runs.size(), folder.toAbsolutePath(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
