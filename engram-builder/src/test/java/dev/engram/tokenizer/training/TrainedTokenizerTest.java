package dev.engram.tokenizer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.testing.Assets;
import dev.engram.tokenizer.HfTokenizer;
import dev.engram.vocab.CompressedVocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains tokenizers, writes them with {@link TokenizerJsonWriter} and loads them into the Rust
 * tokenizers library through {@link HfTokenizer}: its ids must equal {@link BpeReferenceEncoder}'s.
 */
class TrainedTokenizerTest {
    /** Text where Java's regex engine and Oniguruma could disagree: Unicode whitespace, marks, scripts, symbols. */
    private static final List<String> MIXED_TEXTS = List.of(
            "Hello, world! We're here; it's 2024-01-01 and I'll pay $1,234.56.",
            "中文文本，还有标点。日本語のテキストも。한국어 문장도 있습니다.",
            "Emoji: 😀👍🏽 👨‍👩‍👧‍👦 and flags 🇺🇸🇫🇷, rocket🚀launch",
            "Digits 3.14159 ٣٤٥ ① ½ and ⅷ, superscripts x² y³",
            "Mixed   spaces\t\ttabs\r\nCRLF\n\n\nnewlines   \n  trailing   ",
            "No-break\u00a0space, ideographic\u3000space, line\u2028separator, next\u0085line, thin\u2009space",
            "Whitespace beside symbols: a \u00a0b, x\u00a0!, end\u3000。, (\u2028), tab\t\u00a0\u2029x, 5\u0085%, \u202f\u205f?",
            "Hindi नमस्ते दुनिया, Arabic مرحبا بالعالم, Thai สวัสดีครับ, combining e\u0301 and n\u0303",
            "Symbols ©®™ → ← ≠ ≤ ∑∫ «quotes» „low“ — dash – en-dash … ellipsis",
            "Contractions: 'S 'T they've she'd we'll you're I'm 'tis O'Brien's",
            "Control\u0000char\u0007bell\u001bescape, zero\u200bwidth, bom\ufeffhere",
            "Special <|endoftext|> inside text<|pad|>and again <|endoftext|>",
            " leading space and trailing space ",
            "");

    @TempDir
    Path temp;

    @Test
    void rustSplitsMatchJavaSplits() throws IOException {
        // Trained until no pair is left, every pre-token of these texts becomes one token, so an
        // id sequence differing from the reference's means the two libraries split differently.
        PreTokenCounter counter = new PreTokenCounter();
        MIXED_TEXTS.forEach(counter::add);
        BpeModel model = new BpeTrainer(100_000).train(counter.counts());
        BpeReferenceEncoder reference = new BpeReferenceEncoder(model);

        try (HfTokenizer hf = write(model)) {
            for (String text : MIXED_TEXTS) {
                int[] expected = reference.encode(text);
                assertArrayEquals(expected, hf.encode(text), () -> "ids of " + text);
                assertEquals(preTokensAndSpecials(text), expected.length, () -> "one id per pre-token of " + text);
            }
        }
    }

    @Test
    void heldOutSotuIdsMatchReference() throws IOException {
        List<String> sotu = Assets.sotuTexts();
        List<String> training = new ArrayList<>();
        List<String> heldOut = new ArrayList<>();
        for (int i = 0; i < sotu.size(); i++) {
            // Every tenth address is held out; a quarter of the rest keeps the test fast.
            if (i % 10 == 0) {
                heldOut.add(sotu.get(i));
            } else if (i % 4 == 1) {
                training.add(sotu.get(i));
            }
        }
        PreTokenCounter counter = new PreTokenCounter();
        training.forEach(counter::add);
        BpeModel model = new BpeTrainer(2048).train(counter.counts(2));
        BpeReferenceEncoder reference = new BpeReferenceEncoder(model);

        try (HfTokenizer hf = write(model)) {
            assertEquals(2048, hf.vocabSize());
            for (String text : Stream.concat(heldOut.stream(), MIXED_TEXTS.stream()).toList()) {
                int[] ids = hf.encode(text);
                assertArrayEquals(reference.encode(text), ids, () -> "ids of " + abbreviate(text));
                assertEquals(text, hf.decode(ids), () -> "decoded ids of " + abbreviate(text));
                assertEquals(text, reference.decode(ids), () -> "reference decode of " + abbreviate(text));
            }
            CompressedVocabulary compressed = CompressedVocabulary.build(hf);
            assertTrue(compressed.size() < hf.vocabSize(), "compressed size " + compressed.size());
        }
    }

    @Test
    void writerSetsByteLevelPipeline() throws IOException {
        PreTokenCounter counter = new PreTokenCounter();
        counter.add("the cat sat on the mat");
        BpeModel model = new BpeTrainer(300).train(counter.counts());
        Path file = temp.resolve("tokenizer.json");
        TokenizerJsonWriter.write(model, file);

        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertEquals("BPE", root.at("/model/type").textValue());
        assertFalse(root.at("/model/byte_fallback").booleanValue());
        assertEquals("ByteLevel", root.at("/pre_tokenizer/type").textValue());
        assertTrue(root.at("/pre_tokenizer/use_regex").booleanValue());
        assertFalse(root.at("/pre_tokenizer/add_prefix_space").booleanValue());
        assertEquals("ByteLevel", root.at("/decoder/type").textValue());
        assertTrue(root.get("normalizer").isNull());
        assertTrue(root.get("post_processor").isNull());
        assertEquals("<|endoftext|>", root.at("/added_tokens/0/content").textValue());
        assertEquals(1, root.at("/model/vocab/<|pad|>").intValue());
        // "a t" occurs in cat, sat and mat, the only pair seen three times.
        assertEquals("a t", root.at("/model/merges/0").textValue());
        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(List.of(file), files.toList(), "no temporary file may remain");
        }
    }

    private HfTokenizer write(BpeModel model) throws IOException {
        Path file = temp.resolve("tokenizer.json");
        TokenizerJsonWriter.write(model, file);
        return HfTokenizer.load(file);
    }

    private static int preTokensAndSpecials(String text) {
        int count = 0;
        for (String part : text.split("(?=<\\|endoftext\\|>|<\\|pad\\|>)|(?<=<\\|endoftext\\|>|<\\|pad\\|>)")) {
            count += BpeModel.SPECIAL_TOKENS.contains(part) ? 1 : ByteLevelPreTokenizer.split(part).size();
        }
        return count;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
