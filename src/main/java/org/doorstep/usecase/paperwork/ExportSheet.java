package org.doorstep.usecase.paperwork;

import java.awt.Color;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.doorstep.common.Messages;
import org.doorstep.usecase.paperwork.PageWriter.Style;

/**
 * The data sheet that goes with an exported video: for evidence (what the file is, where and when it was recorded,
 * its SHA-256, who exported it, what was left out) or for an access request under Art. 15 GDPR (the information the
 * data subject is owed: what data, purposes, retention, recipients, source, rights). In English or German.
 */
final class ExportSheet {
    /** Which sheet. */
    enum Kind { EVIDENCE, ACCESS_REQUEST }

    private static final Color GREY = new Color(0.35f, 0.35f, 0.35f);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Kind kind;
    private final ExportSheetFacts export;
    private final PaperworkFacts settings;
    private final PaperworkText words;
    private final Messages m;

    ExportSheet(Kind kind, ExportSheetFacts export, PaperworkFacts settings, Locale language) {
        this.kind = kind;
        this.export = export;
        this.settings = settings;
        this.words = new PaperworkText(language);
        this.m = Messages.of("presets", language);
    }

    PDDocument render() {
        PDDocument doc = new PDDocument();
        try {
            String title = m.get(kind == Kind.EVIDENCE ? "sheet.evidence.title" : "sheet.access.title");
            doc.getDocumentInformation().setTitle(title);
            doc.getDocumentInformation().setCreator("Doorstep");
            PDFont font = PageWriter.loadFont(doc);
            try (PageWriter w = PageWriter.drawing(doc, font, PaperSize.A4, 48, 54, true)) {
                w.paragraph(title, 17, Style.BOLD, Color.BLACK);
                w.gap(2);
                w.paragraph(m.get("sheet.subtitle", export.camera(), local(export.from()), local(export.to())), 11,
                        Style.REGULAR, GREY);
                w.gap(8);
                if (kind == Kind.EVIDENCE) {
                    evidence(w);
                } else {
                    access(w);
                }
                w.gap(12);
                w.paragraph(m.get("sheet.generated", local(export.exportedAt())), 8, Style.REGULAR, GREY);
            }
            return doc;
        } catch (RuntimeException e) {
            try {
                doc.close();
            } catch (IOException ignored) {
                // thrown away after a failure already reported
            }
            throw e;
        }
    }

    private void evidence(PageWriter w) {
        heading(w, "sheet.recording");
        row(w, "sheet.camera", export.camera());
        row(w, "sheet.range.local", local(export.from()) + " – " + local(export.to()));
        row(w, "sheet.range.utc", UTC.format(export.from()) + " – " + UTC.format(export.to()));
        row(w, "sheet.retention", words.duration(export.retention()));
        row(w, "sheet.how", export.recordedHow());
        row(w, "sheet.leftOut", leftOut());

        heading(w, "sheet.file");
        row(w, "sheet.fileName", export.fileName());
        row(w, "sheet.size", m.get("sheet.bytes", export.bytes()));
        w.paragraph(m.get("sheet.sha256"), 10, Style.BOLD, Color.BLACK);
        // the hash on a line of its own, whole, so it can be read out, copied and found by a text search
        w.paragraph(export.sha256(), 9.5f, Style.REGULAR, Color.BLACK);
        w.gap(3);
        w.paragraph(m.get("sheet.sha256.check", export.fileName()), 9, Style.REGULAR, GREY);

        heading(w, "sheet.export");
        row(w, "sheet.exportedAt", local(export.exportedAt()) + " (" + UTC.format(export.exportedAt()) + ")");
        row(w, "sheet.exportedBy", export.exportedBy());
        row(w, "sheet.controller", settings.controller());
        row(w, "sheet.contact", settings.contact());
        row(w, "sheet.burnedIn", m.get("sheet.burnedIn.text"));
    }

    private void access(PageWriter w) {
        heading(w, "sheet.access.controller");
        row(w, "sheet.controller", settings.controller());
        row(w, "sheet.contact", settings.contact());

        heading(w, "sheet.access.data");
        row(w, "sheet.camera", export.camera());
        row(w, "sheet.range.local", local(export.from()) + " – " + local(export.to()));
        row(w, "sheet.range.utc", UTC.format(export.from()) + " – " + UTC.format(export.to()));
        row(w, "sheet.access.what", m.get(export.audio() ? "sheet.access.what.audio" : "sheet.access.what.video"));
        row(w, "sheet.access.blur", export.blurRegions() == 0 ? m.get("sheet.access.blur.none")
                : m.get("sheet.access.blur.count", export.blurRegions()));
        row(w, "sheet.fileName", export.fileName());
        row(w, "sheet.leftOut", leftOut());

        heading(w, "sheet.access.purpose");
        row(w, "sheet.access.purpose.text", settings.purpose());
        row(w, "sheet.access.legal", words.get("sign.legal.text"));

        heading(w, "sheet.access.retention");
        w.paragraph(m.get("sheet.access.retention.text", words.duration(export.retention())), 10, Style.REGULAR,
                Color.BLACK);

        heading(w, "sheet.access.recipients");
        w.paragraph(m.get("sheet.access.recipients.text"), 10, Style.REGULAR, Color.BLACK);

        heading(w, "sheet.access.source");
        w.paragraph(m.get("sheet.access.source.text", export.camera()), 10, Style.REGULAR, Color.BLACK);

        heading(w, "sheet.access.rights");
        w.paragraph(m.get("sheet.access.rights.text"), 10, Style.REGULAR, Color.BLACK);

        heading(w, "sheet.access.automated");
        w.paragraph(m.get("sheet.access.automated.text"), 10, Style.REGULAR, Color.BLACK);
        w.gap(6);
        w.paragraph(m.get("sheet.access.sha256", export.sha256()), 8, Style.REGULAR, GREY);
    }

    private String leftOut() {
        if (export.leftOut().isEmpty()) {
            return m.get("sheet.leftOut.none");
        }
        StringBuilder b = new StringBuilder();
        for (ExportSheetFacts.Range r : export.leftOut()) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(local(r.from())).append(" – ").append(local(r.to()));
        }
        return m.get("sheet.leftOut.some", b);
    }

    private String local(Instant when) {
        return LOCAL.format(when.atZone(export.zone()));
    }

    private void heading(PageWriter w, String key) {
        w.gap(10);
        w.paragraph(m.get(key), 12.5f, Style.BOLD, Color.BLACK);
        w.rule(0.6f, GREY);
        w.gap(3);
    }

    private void row(PageWriter w, String key, String value) {
        w.row(m.get(key), value, words.get("toFill"), 10, 150);
    }
}
