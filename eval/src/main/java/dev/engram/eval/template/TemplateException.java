package dev.engram.eval.template;

/** A template that does not parse, or a value it cannot render, with the template text and position. */
public final class TemplateException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }
}
