package dev.engram.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lays report.html out in headless Chromium and checks that every plot is drawn with a non-zero size.
 * A copy of the report gets a probe script that writes each SVG's measured box into the DOM, which
 * {@code --dump-dom} then prints. Chromium loads only that local file.
 */
class ReportChromiumTest {
    private static final List<String> CHROMIUM_NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final String PROBE = """
            <script>
            const sizes = [...document.querySelectorAll('svg.plot')].map(svg => {
              const box = svg.getBoundingClientRect();
              return svg.dataset.plot + ' ' + Math.round(box.width) + ' ' + Math.round(box.height);
            });
            const pre = document.createElement('pre');
            pre.id = 'plot-sizes';
            pre.textContent = sizes.join(';');
            document.body.appendChild(pre);
            </script>
            """;
    private static final Pattern SIZES = Pattern.compile("<pre id=\"plot-sizes\">([^<]*)</pre>");

    @TempDir
    Path folder;

    @Test
    void everyPlotIsLaidOutWithSize() throws Exception {
        Path chromium = findChromium();
        ReportWriter.write(ReportFixtures.twoRuns(), folder);
        String html = Files.readString(folder.resolve(ReportWriter.HTML));
        Path probe = folder.resolve("probe.html");
        Files.writeString(probe, html.replace("</body>", PROBE + "</body>"));

        String dom = dumpDom(chromium, probe);

        Matcher matcher = SIZES.matcher(dom);
        assertTrue(matcher.find(), "Chromium's DOM lacks the probe output:\n" + dom);
        List<String> plots = new ArrayList<>();
        for (String entry : matcher.group(1).split(";")) {
            String[] parts = entry.split(" ");
            plots.add(parts[0]);
            assertTrue(Integer.parseInt(parts[1]) > 0, "width of " + entry);
            assertTrue(Integer.parseInt(parts[2]) > 0, "height of " + entry);
        }
        assertEquals(List.of("scores", "deltas", "perplexity-by-length", "niah", "niah", "table-stats", "gate"), plots);
    }

    private static Path findChromium() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : CHROMIUM_NAMES) {
                Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return fail("install chromium: apt-get install chromium chromium-driver");
    }

    private String dumpDom(Path chromium, Path page) throws IOException, InterruptedException {
        Path profile = Files.createDirectory(folder.resolve("profile"));
        Path stdout = folder.resolve("chromium.out");
        Path stderr = folder.resolve("chromium.err");
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--no-default-browser-check", "--user-data-dir=" + profile,
                "--dump-dom", page.toUri().toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("Chromium did not finish within 120 s; its error output:\n" + Files.readString(stderr));
        }
        assertEquals(0, process.exitValue(), "Chromium exit status; its error output:\n"
                + Files.readString(stderr, StandardCharsets.UTF_8));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
