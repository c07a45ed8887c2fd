package dev.engram.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.eval.template.Template;
import dev.engram.eval.template.TemplateException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final JsonNode DOC = parse("""
            {"question": "  Why? ", "choices": {"text": ["a", "b"], "label": ["1", "2"]}, "answerKey": "2",
             "answer": "steps\\n#### 42", "subject": "high_school_physics", "n": 3}""");

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void rendersPathsAndFilters() {
        assertEquals("Q: Why?\nA:", Template.parse("Q: {{question|trim}}\nA:").render(DOC));
        assertEquals("b", Template.parse("{{choices.text[1]}}").render(DOC));
        assertEquals("b", Template.parse("{{choices.text[-1]}}").render(DOC));
        assertEquals("high school physics", Template.parse("{{subject|underscores_to_spaces}}").render(DOC));
        assertEquals("42", Template.parse("{{answer|after_last:'#### '}}").render(DOC));
        assertEquals("a, b", Template.parse("{{choices.text|join:', '}}").render(DOC));
        assertEquals("D", Template.parse("{{n|letter}}").render(DOC));
        assertEquals("{{x}}", Template.parse("{{{{}}x}}").render(DOC));
    }

    @Test
    void singlePlaceholderKeepsValueType() {
        assertEquals(List.of("a", "b"), Template.parse("{{choices.text}}").renderList(DOC));
        assertEquals(1, Template.parse("{{choices.label|index_of:answerKey}}").renderInt(DOC));
    }

    @Test
    void errorsNameTheProblem() {
        assertTrue(assertThrows(TemplateException.class, () -> Template.parse("{{x"))
                .getMessage().contains("unclosed {{"));
        assertTrue(assertThrows(TemplateException.class, () -> Template.parse("{{x|shout}}"))
                .getMessage().contains("unknown filter shout"));
        assertTrue(assertThrows(TemplateException.class, () -> Template.parse("{{missing}}").render(DOC))
                .getMessage().contains("field missing"));
        assertTrue(assertThrows(TemplateException.class, () -> Template.parse("x {{choices.text}}").render(DOC))
                .getMessage().contains("ARRAY inside text"));
    }
}
