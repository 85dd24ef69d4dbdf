package org.doorstep.usecase.paperwork;

import java.util.Locale;

/** The paper the documents are laid out for, in PDF points (1/72 inch). */
public enum PaperSize {
    A4(595.28f, 841.89f),
    A5(419.53f, 595.28f);

    private final float width;
    private final float height;

    PaperSize(float width, float height) {
        this.width = width;
        this.height = height;
    }

    public float width() {
        return width;
    }

    public float height() {
        return height;
    }

    /** "a4" or "a5", any case; empty for anything else. */
    public static java.util.Optional<PaperSize> parse(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "a4" -> java.util.Optional.of(A4);
            case "a5" -> java.util.Optional.of(A5);
            default -> java.util.Optional.empty();
        };
    }
}
