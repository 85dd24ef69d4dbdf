package org.doorstep.usecase.paperwork;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * Lays text out top to bottom on pages of one size: wrapped paragraphs, label/value rows and rules, breaking pages
 * where needed. Run with {@code draw} off it only measures, so a one-page document can find the largest type that
 * still fits. Every text is written in an embedded font (Liberation Sans, which PDFBox ships) so umlauts and ß print
 * and extract the same on every reader.
 */
final class PageWriter implements AutoCloseable {
    /** Dark red, so a line to fill in stands out on screen and on paper. */
    static final Color TO_FILL = new Color(0.65f, 0.05f, 0.05f);
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    enum Style { REGULAR, BOLD }

    private final PDDocument doc;
    private final PaperSize size;
    private final PDFont font;
    private final boolean draw;
    private final boolean multiPage;
    private final float left;
    private final float right;
    private final float top;
    private final float bottom;
    private final Map<Integer, Boolean> printable = new HashMap<>();
    private PDPageContentStream stream;
    private float y;
    private boolean overflowed;

    private PageWriter(PDDocument doc, PaperSize size, PDFont font, float margin, float bottomMargin, boolean draw,
                       boolean multiPage) {
        this.doc = doc;
        this.size = size;
        this.font = font;
        this.draw = draw;
        this.multiPage = multiPage;
        this.left = margin;
        this.right = size.width() - margin;
        this.top = size.height() - margin;
        this.bottom = bottomMargin;
        newPage();
    }

    /** A writer that draws into {@code doc} in {@code font} (loaded into that document), starting a first page. */
    static PageWriter drawing(PDDocument doc, PDFont font, PaperSize size, float margin, float bottomMargin,
                              boolean multiPage) {
        return new PageWriter(doc, size, font, margin, bottomMargin, true, multiPage);
    }

    /** A one-page writer that only measures; {@code scratch} gets a blank page and is thrown away afterwards. */
    static PageWriter measuring(PDDocument scratch, PDFont font, PaperSize size, float margin, float bottomMargin) {
        return new PageWriter(scratch, size, font, margin, bottomMargin, false, false);
    }

    static PDFont loadFont(PDDocument doc) {
        try (InputStream in = PDDocument.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException("PDFBox's font " + FONT + " is missing from the class path");
            }
            return PDType0Font.load(doc, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PDFont font() {
        return font;
    }

    PaperSize size() {
        return size;
    }

    float left() {
        return left;
    }

    float right() {
        return right;
    }

    float y() {
        return y;
    }

    void moveTo(float newY) {
        y = newY;
    }

    /** Whether anything ran below the bottom margin (only on a one-page writer). */
    boolean overflowed() {
        return overflowed || y < bottom;
    }

    /** The page's content stream, for drawings; null while measuring. */
    PDPageContentStream stream() {
        return stream;
    }

    void newPage() {
        closeStream();
        PDPage page = new PDPage(new PDRectangle(size.width(), size.height()));
        doc.addPage(page);
        if (draw) {
            try {
                stream = new PDPageContentStream(doc, page);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        y = top;
    }

    void gap(float points) {
        y -= points;
    }

    /** A thin line across the text width. */
    void rule(float weight, Color colour) {
        room(weight + 4);
        y -= 2;
        if (draw) {
            try {
                stream.setStrokingColor(colour);
                stream.setLineWidth(weight);
                stream.moveTo(left, y);
                stream.lineTo(right, y);
                stream.stroke();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        y -= weight + 2;
    }

    /** A wrapped paragraph across the whole text width. */
    void paragraph(String text, float fontSize, Style style, Color colour) {
        paragraph(text, fontSize, style, colour, left, right);
    }

    /** A wrapped paragraph between {@code from} and {@code to}. */
    void paragraph(String text, float fontSize, Style style, Color colour, float from, float to) {
        for (String line : wrap(text, fontSize, to - from)) {
            room(lineHeight(fontSize));
            show(line, from, y - fontSize * 0.92f, fontSize, style, colour);
            y -= lineHeight(fontSize);
        }
    }

    /**
     * A row of a table: the label in bold in the left column, the value wrapped beside it; a missing value is a
     * dark-red line to fill in.
     */
    void row(String label, String value, String toFill, float fontSize, float labelWidth) {
        boolean missing = value == null || value.isBlank();
        List<String> labels = wrap(label, fontSize, labelWidth - 6);
        List<String> values = wrap(missing ? toFill : value, fontSize, right - left - labelWidth);
        int lines = Math.max(labels.size(), values.size());
        float height = lines * lineHeight(fontSize);
        if (height < top - bottom) {
            room(height); // a row that fits a page is never split
        }
        float rowTop = y;
        for (int i = 0; i < lines; i++) {
            room(lineHeight(fontSize));
            if (i < labels.size()) {
                show(labels.get(i), left, y - fontSize * 0.92f, fontSize, Style.BOLD, Color.BLACK);
            }
            if (i < values.size()) {
                show(values.get(i), left + labelWidth, y - fontSize * 0.92f, fontSize, Style.REGULAR,
                        missing ? TO_FILL : Color.BLACK);
            }
            y -= lineHeight(fontSize);
        }
        if (rowTop - y < height) {
            y = rowTop - height;
        }
        y -= fontSize * 0.35f;
    }

    /** One line of text at a place (no wrapping, no page break). */
    void show(String text, float x, float baseline, float fontSize, Style style, Color colour) {
        if (!draw || text.isEmpty()) {
            return;
        }
        try {
            stream.beginText();
            stream.setFont(font, fontSize);
            stream.setNonStrokingColor(colour);
            if (style == Style.BOLD) {
                // one embedded face only: bold is the regular outline filled and stroked
                stream.setRenderingMode(RenderingMode.FILL_STROKE);
                stream.setStrokingColor(colour);
                stream.setLineWidth(fontSize * 0.05f);
            } else {
                stream.setRenderingMode(RenderingMode.FILL);
            }
            stream.newLineAtOffset(x, baseline);
            stream.showText(printable(text));
            stream.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    float width(String text, float fontSize) {
        try {
            return font.getStringWidth(printable(text)) / 1000f * fontSize;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float lineHeight(float fontSize) {
        return fontSize * 1.28f;
    }

    /** Breaks {@code text} into lines no wider than {@code width}; its own line breaks are kept. */
    List<String> wrap(String text, float fontSize, float width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\\R", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.trim().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                String tried = line.isEmpty() ? word : line + " " + word;
                if (width(tried, fontSize) <= width) {
                    line.setLength(0);
                    line.append(tried);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                // a word longer than the line (an e-mail address, a URL) is cut where it must be
                String rest = word;
                while (width(rest, fontSize) > width && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && width(rest.substring(0, cut), fontSize) > width) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The text with every character the font cannot show (and control characters) replaced by "?". */
    String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean ok = !Character.isISOControl(cp) && printable.computeIfAbsent(cp, this::fontHas);
            out.append(ok ? new String(Character.toChars(cp)) : "?");
        });
        return out.toString();
    }

    private boolean fontHas(int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Makes sure {@code height} fits below {@code y}: a new page on a multi-page writer, else noted as overflow. */
    void room(float height) {
        if (y - height >= bottom) {
            return;
        }
        if (multiPage) {
            newPage();
        } else {
            overflowed = true;
        }
    }

    private void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stream = null;
        }
    }

    @Override
    public void close() {
        closeStream();
    }
}
