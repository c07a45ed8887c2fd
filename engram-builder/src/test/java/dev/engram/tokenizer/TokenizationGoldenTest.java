package dev.engram.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.testing.Assets;
import dev.engram.testing.GoldenData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DeepSeek-V3 tokenization against ids from the Rust Hugging Face tokenizers 0.23.2, whose
 * {@code encode(text)} ran with and without special tokens.
 */
class TokenizationGoldenTest {
    private static HfTokenizer tokenizer;

    @BeforeAll
    static void load() throws IOException {
        tokenizer = HfTokenizer.load(Assets.deepseekTokenizer());
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        JsonNode nodes = GoldenData.json("tokenization-deepseek-v3.json").get("cases");
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String text = node.get("text").textValue();
            String label = i + ": " + text.substring(0, Math.min(30, text.length())).replaceAll("\\s", " ");
            cases.add(Arguments.of(label, text, GoldenData.ints(node.get("ids")),
                    GoldenData.ints(node.get("idsWithSpecialTokens"))));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodeMatchesGolden(String label, String text, int[] ids, int[] idsWithSpecialTokens) {
        int[] actual = tokenizer.encode(text);

        assertEquals(ids.length, actual.length, "token count");
        assertArrayEquals(ids, actual);
        // The DeepSeek-V3 post-processor adds no tokens, so HF's default add_special_tokens=True changes nothing.
        assertArrayEquals(idsWithSpecialTokens, actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodeRoundTrips(String label, String text, int[] ids, int[] idsWithSpecialTokens) {
        assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
    }

    @Test
    void longestCaseIsNotTruncated() {
        int longest = cases().mapToInt(arguments -> ((int[]) arguments.get()[2]).length).max().orElseThrow();

        assertEquals(10_551, longest);
    }

    @Test
    void encodeFromManyThreads() throws Exception {
        List<Arguments> cases = cases().toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (Arguments arguments : cases) {
                    String text = (String) arguments.get()[1];
                    results.add(pool.submit(() -> tokenizer.encode(text)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                Object[] expected = cases.get(i % cases.size()).get();
                assertArrayEquals((int[]) expected[2], results.get(i).get(), (String) expected[0]);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
