package dev.engram.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.testing.Assets;
import dev.engram.testing.GoldenData;
import dev.engram.tokenizer.HfTokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DeepSeek-V3 compressed vocabulary against the lookup table that the Engram reference code built. */
class CompressedVocabularyGoldenTest {
    private static HfTokenizer tokenizer;
    private static JsonNode golden;

    @BeforeAll
    static void load() throws IOException {
        tokenizer = HfTokenizer.load(Assets.deepseekTokenizer());
        golden = GoldenData.json("compressed-vocab-deepseek-v3.json");
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void goldenIsForThisTokenizer() {
        assertEquals(golden.get("tokenizerJsonSha256").textValue(), tokenizer.sha256());
        assertEquals(golden.get("tokenizerIds").intValue(), tokenizer.vocabSize());
    }

    @Test
    void compressedVocabMatchesGolden() {
        CompressedVocabulary vocabulary = CompressedVocabulary.build(tokenizer);
        int[] expected = GoldenData.ints(golden.get("lookup"));
        int[] actual = vocabulary.lookup();

        assertEquals(128_815, actual.length);
        List<String> mismatches = new ArrayList<>();
        for (int id = 0; id < expected.length; id++) {
            if (expected[id] != actual[id]) {
                mismatches.add("id " + id + " " + describe(id) + ": expected " + expected[id] + ", got " + actual[id]);
            }
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " ids differ from the golden lookup; first ones:\n"
                    + String.join("\n", mismatches.subList(0, Math.min(40, mismatches.size()))));
        }
        assertEquals(98_627, vocabulary.size());
        assertEquals(golden.get("compressedSize").intValue(), vocabulary.size());
    }

    @Test
    void caseAndSpaceVariantsShareId() {
        CompressedVocabulary vocabulary = CompressedVocabulary.build(tokenizer);
        int the = vocabulary.compress(tokenizer.encode("the")[0]);

        assertEquals(the, vocabulary.compress(tokenizer.encode(" the")[0]));
        assertEquals(the, vocabulary.compress(tokenizer.encode(" The")[0]));
        assertEquals(the, vocabulary.compress(tokenizer.encode("The")[0]));
    }

    private static String describe(int id) {
        return "token " + escape(tokenizer.tokenString(id)) + " decoded " + escape(tokenizer.decodeSingle(id))
                + " key " + escape(CompressedVocabulary.keyOf(tokenizer, id));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp > 0x7E) {
                out.append(String.format("\\u{%X}", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }
}
