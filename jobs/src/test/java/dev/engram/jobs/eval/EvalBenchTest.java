package dev.engram.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.cli.CliTestAccess;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A short {@code engram bench eval} round on the golden model: both core counts and the ratio are printed. */
class EvalBenchTest {
    private static final Pattern RATE = Pattern.compile("local\\[(\\d)]: ([0-9.]+) items/s");

    @Test
    void benchPrintsRatesAndScaling() {
        String out = CliTestAccess.execute("bench-eval", "--model", EvalCommandTest.MODEL.toString(), "--items", "40",
                "--items-per-partition", "10", "--warmup", "0", "--rounds", "1");

        Matcher matcher = RATE.matcher(out);
        for (String cores : new String[] {"1", "2"}) {
            assertTrue(matcher.find(), "no items/s line for local[" + cores + "] in:\n" + out);
            assertTrue(matcher.group(1).equals(cores), out);
            assertTrue(Double.parseDouble(matcher.group(2)) > 0, out);
        }
        assertTrue(out.contains("scaling local[2] / local[1]: "), out);
        assertTrue(out.contains("load average"), out);
    }
}
