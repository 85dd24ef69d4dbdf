package org.doorstep.usecase.paperwork;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.doorstep.usecase.paperwork.PageWriter.Style;

/**
 * The information sign for the door (the first layer of EDPB guidelines 3/2019 and the German DSK's sample sign):
 * a camera pictogram, who records, why, on what legal basis, for how long, who receives it, the rights of the people
 * recorded, and where the full information is. One page; the body type shrinks until everything fits.
 */
final class InformationSign {
    /** Safety yellow, the colour of warning signs; it prints well in black and white too. */
    private static final Color BAND = new Color(1f, 0.82f, 0f);
    private static final Color GREY = new Color(0.35f, 0.35f, 0.35f);

    private final PaperworkFacts facts;
    private final PaperworkText text;
    private final PaperSize size;
    /** Everything scales with the paper's width: A5 is the A4 sign made smaller. */
    private final float k;

    InformationSign(PaperworkFacts facts, PaperworkText text, PaperSize size) {
        this.facts = facts;
        this.text = text;
        this.size = size;
        this.k = size.width() / PaperSize.A4.width();
    }

    /** The sign as a one-page PDF document (the caller saves or renders it, and closes it). */
    PDDocument render() {
        PDDocument doc = new PDDocument();
        try {
            doc.getDocumentInformation().setTitle(text.get("sign.title"));
            doc.getDocumentInformation().setCreator("Doorstep");
            PDFont font = PageWriter.loadFont(doc);
            float scale = fittingScale();
            try (PageWriter w = PageWriter.drawing(doc, font, size, 30 * k, 46 * k, false)) {
                frame(w);
                body(w, scale);
                footer(w);
            }
            return doc;
        } catch (IOException | RuntimeException e) {
            closeQuietly(doc);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * The largest body scale (1.4 down to 0.5) at which the body fits above the footer: large type where the owner's
     * texts are short (a sign is read from a distance), smaller where they are long.
     */
    private float fittingScale() {
        try (PDDocument scratch = new PDDocument()) {
            PDFont font = PageWriter.loadFont(scratch);
            float scale = 1.4f;
            while (scale > 0.5f) {
                try (PageWriter w = PageWriter.measuring(scratch, font, size, 30 * k, 46 * k)) {
                    body(w, scale);
                    if (!w.overflowed()) {
                        return scale;
                    }
                }
                scale -= 0.05f;
            }
            return 0.5f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void frame(PageWriter w) throws IOException {
        PDPageContentStream s = w.stream();
        float inset = 14 * k;
        float bandTop = size.height() - inset;
        float bandHeight = 132 * k;
        s.setNonStrokingColor(BAND);
        s.addRect(inset, bandTop - bandHeight, size.width() - 2 * inset, bandHeight);
        s.fill();
        s.setStrokingColor(Color.BLACK);
        s.setLineWidth(4 * k);
        s.addRect(inset, inset, size.width() - 2 * inset, size.height() - 2 * inset);
        s.stroke();
        CameraPictogram.draw(s, inset + 14 * k, bandTop - bandHeight + 14 * k, 104 * k, Color.BLACK);
        float textX = inset + 134 * k;
        float titleSize = 34 * k;
        String title = text.get("sign.title");
        float room = size.width() - inset - 12 * k - textX;
        if (w.width(title, titleSize) > room) {
            titleSize *= room / w.width(title, titleSize);
        }
        w.show(title, textX, bandTop - 68 * k, titleSize, Style.BOLD, Color.BLACK);
        float subtitleSize = 12 * k;
        for (String line : w.wrap(text.get("sign.subtitle"), subtitleSize, room)) {
            w.show(line, textX, bandTop - 94 * k, subtitleSize, Style.REGULAR, Color.BLACK);
            bandTop -= PageWriter.lineHeight(subtitleSize);
        }
    }

    private void body(PageWriter w, float scale) {
        w.moveTo(size.height() - 14 * k - 132 * k - 18 * k);
        String missing = text.get("toFill");
        section(w, scale, "sign.controller", facts.controller());
        section(w, scale, "sign.contact", facts.contact());
        section(w, scale, "sign.purpose", facts.purpose());
        section(w, scale, "sign.legal", text.get("sign.legal.text"));
        section(w, scale, "sign.retention", retention());
        section(w, scale, "sign.recipients", text.get("sign.recipients.text"));
        section(w, scale, "sign.rights", text.get("sign.rights.text"));
        section(w, scale, "sign.full",
                text.get("sign.full.text", facts.contact().isEmpty() ? missing : facts.contact()));
    }

    private void section(PageWriter w, float scale, String labelKey, String value) {
        float labelSize = 14.5f * k * scale;
        float valueSize = 13.5f * k * scale;
        w.paragraph(text.get(labelKey), labelSize, Style.BOLD, Color.BLACK);
        w.gap(1.5f * k * scale);
        boolean missing = value.isEmpty();
        w.paragraph(missing ? text.get("toFill") : value, valueSize, Style.REGULAR,
                missing ? PageWriter.TO_FILL : Color.BLACK);
        w.gap(9 * k * scale);
    }

    /** One retention for all cameras when they agree, else each camera's own. */
    private String retention() {
        List<PaperworkFacts.CameraFacts> cameras = facts.cameras();
        if (cameras.isEmpty()) {
            return text.get("sign.retention.none");
        }
        List<Duration> distinct = cameras.stream().map(PaperworkFacts.CameraFacts::retention).distinct().toList();
        if (distinct.size() == 1) {
            return text.get("sign.retention.same", text.duration(distinct.get(0)));
        }
        return text.get("sign.retention.each", cameras.stream()
                .map(c -> c.name() + ": " + text.duration(c.retention()))
                .collect(Collectors.joining("; ")));
    }

    private void footer(PageWriter w) {
        float fontSize = 8 * k;
        w.show(text.get("generated", text.dateTime(facts.asOf())), 30 * k, 24 * k, fontSize, Style.REGULAR, GREY);
    }

    private static void closeQuietly(PDDocument doc) {
        try {
            doc.close();
        } catch (IOException ignored) {
            // the document is being thrown away after a failure already reported
        }
    }
}
