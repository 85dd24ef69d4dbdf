package org.doorstep.usecase.paperwork;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.doorstep.usecase.paperwork.PageWriter.Style;

/**
 * The record of processing activities (Art. 30(1) GDPR) for the video recording: controller, purposes, data subjects
 * and data, recipients, time limits for erasure, each camera's settings, and the technical measures Doorstep takes.
 * What only the owner knows (the area a camera covers, organisational measures, a data protection officer) is a line
 * to fill in.
 */
final class ProcessingRecord {
    private static final Color GREY = new Color(0.35f, 0.35f, 0.35f);

    private final PaperworkFacts facts;
    private final PaperworkText text;
    private final PaperSize size;
    private final float k;

    ProcessingRecord(PaperworkFacts facts, PaperworkText text, PaperSize size) {
        this.facts = facts;
        this.text = text;
        this.size = size;
        this.k = size.width() / PaperSize.A4.width();
    }

    PDDocument render() {
        PDDocument doc = new PDDocument();
        try {
            doc.getDocumentInformation().setTitle(text.get("record.title"));
            doc.getDocumentInformation().setCreator("Doorstep");
            PDFont font = PageWriter.loadFont(doc);
            try (PageWriter w = PageWriter.drawing(doc, font, size, 48 * k, 54 * k, true)) {
                content(w);
            }
            footers(doc, font);
            return doc;
        } catch (IOException | RuntimeException e) {
            try {
                doc.close();
            } catch (IOException ignored) {
                // thrown away after a failure already reported
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private void content(PageWriter w) {
        float body = 10 * k;
        float label = 150 * k;
        String fill = text.get("toFill");
        w.paragraph(text.get("record.title"), 17 * k, Style.BOLD, Color.BLACK);
        w.gap(2 * k);
        w.paragraph(text.get("record.subtitle", text.date(facts.asOf())), 11 * k, Style.REGULAR, GREY);
        w.gap(8 * k);

        heading(w, "record.controller");
        w.row(text.get("record.controller.name"), facts.controller(), fill, body, label);
        w.row(text.get("record.controller.contact"), facts.contact(), fill, body, label);
        w.row(text.get("record.controller.dpo"), "", fill, body, label);

        heading(w, "record.purpose");
        w.row(text.get("record.purpose.text"), facts.purpose(), fill, body, label);
        w.row(text.get("record.purpose.legal"), text.get("sign.legal.text"), fill, body, label);

        heading(w, "record.subjects");
        w.row(text.get("record.subjects.who"), text.get("record.subjects.who.text"), fill, body, label);
        w.row(text.get("record.subjects.what"), text.get("record.subjects.what.text"), fill, body, label);

        heading(w, "record.recipients");
        w.paragraph(text.get("record.recipients.text"), body, Style.REGULAR, Color.BLACK);

        heading(w, "record.deletion");
        w.paragraph(text.get("record.deletion.text"), body, Style.REGULAR, Color.BLACK);
        w.gap(3 * k);
        w.paragraph(text.get("record.deletion.erased", facts.erasures()), body, Style.REGULAR, Color.BLACK);

        heading(w, text.get("record.cameras", facts.cameras().size()), true);
        if (facts.cameras().isEmpty()) {
            w.paragraph(text.get("record.cameras.none"), body, Style.REGULAR, Color.BLACK);
        }
        for (PaperworkFacts.CameraFacts c : facts.cameras()) {
            camera(w, c, body, label, fill);
        }

        kept(w, body, label);

        heading(w, "record.measures");
        for (String key : new String[] {"record.measures.encryption", "record.measures.lan",
            "record.measures.passwords", "record.measures.retention", "record.measures.masks",
            "record.measures.receipts"}) {
            bullet(w, text.get(key), body);
        }
        inForce(w, body, label, fill);
        w.gap(4 * k);
        w.row(text.get("record.measures.organisational"), "", fill, body, label);
    }

    /** The clips kept as evidence beyond retention: camera, range, reason, review date; never a picture. */
    private void kept(PageWriter w, float body, float label) {
        org.doorstep.common.Messages p = org.doorstep.common.Messages.of("presets", text.locale());
        heading(w, p.get("record.kept", facts.kept().size()), true);
        if (facts.kept().isEmpty()) {
            w.paragraph(p.get("record.kept.none"), body, Style.REGULAR, Color.BLACK);
            return;
        }
        w.paragraph(p.get("record.kept.intro"), body, Style.REGULAR, Color.BLACK);
        w.gap(3 * k);
        for (PaperworkFacts.KeptFacts c : facts.kept()) {
            w.gap(2 * k);
            w.paragraph(c.camera() + ": " + text.dateTime(c.from().atZone(facts.asOf().getZone())) + " – "
                    + text.dateTime(c.to().atZone(facts.asOf().getZone())), body, Style.BOLD, Color.BLACK);
            w.row(p.get("record.kept.reason"), c.reason(), text.get("toFill"), body, label);
            w.row(p.get("record.kept.review"), c.reviewOn() == null ? p.get("record.kept.review.none")
                    : text.date(c.reviewOn()), text.get("toFill"), body, label);
        }
    }

    /** The measures as they are set now: lock, audit log, masks per camera, where the key-encryption key lives. */
    private void inForce(PageWriter w, float body, float label, String fill) {
        org.doorstep.common.Messages p = org.doorstep.common.Messages.of("presets", text.locale());
        w.gap(6 * k);
        w.paragraph(p.get("record.inForce"), 11 * k, Style.BOLD, Color.BLACK);
        w.gap(2 * k);
        PaperworkFacts.Measures m = facts.measures();
        if (m == null) {
            w.paragraph(p.get("record.inForce.unknown"), body, Style.REGULAR, Color.BLACK);
        } else {
            w.row(p.get("record.lock"), !m.lockOn() ? p.get("record.lock.off")
                    : m.idleMinutes() == 0 ? p.get("record.lock.onManual", text.yesNo(m.liveWhileLocked()))
                    : p.get("record.lock.on", m.idleMinutes(), text.yesNo(m.liveWhileLocked())), fill, body, label);
            if (m.lockOn()) {
                w.row(p.get("record.people"), m.ownersWithPin() + m.staffWithPin() == 0 ? p.get("record.people.none")
                        : p.get("record.people.some", m.ownersWithPin(), m.staffWithPin()), fill, body, label);
            }
            w.row(p.get("record.audit"), p.get("record.audit.text", m.auditRetentionDays()), fill, body, label);
            w.row(p.get("record.encryption"), p.get("record.encryption.text"), fill, body, label);
            w.row(p.get("record.kek"), m.keyEncryptionKey(), fill, body, label);
        }
        StringBuilder masks = new StringBuilder();
        for (PaperworkFacts.CameraFacts c : facts.cameras()) {
            if (masks.length() > 0) {
                masks.append("; ");
            }
            masks.append(c.name()).append(": ").append(c.privacyMasks() == 0 ? text.get("record.camera.masks.none")
                    : text.get("record.camera.masks.count", c.privacyMasks()));
        }
        w.row(p.get("record.masks"), masks.length() == 0 ? p.get("record.masks.noCameras") : masks.toString(), fill,
                body, label);
    }

    private void camera(PageWriter w, PaperworkFacts.CameraFacts c, float body, float label, String fill) {
        w.gap(2 * k);
        w.paragraph(c.name(), 11 * k, Style.BOLD, Color.BLACK);
        w.gap(2 * k);
        w.row(text.get("record.camera.recording"), text.onOff(c.recording()), fill, body, label);
        w.row(text.get("record.camera.area"), "", fill, body, label);
        w.row(text.get("record.camera.retention"), text.duration(c.retention()), fill, body, label);
        if (c.needsReason()) {
            w.row(text.get("record.camera.reason"), c.retentionReason(), fill, body, label);
        }
        w.row(text.get("record.camera.masks"), c.privacyMasks() == 0 ? text.get("record.camera.masks.none")
                : text.get("record.camera.masks.count", c.privacyMasks()), fill, body, label);
        w.row(text.get("record.camera.audio"), text.onOff(c.audio()), fill, body, label);
        w.row(text.get("record.camera.motion"), text.onOff(c.motion()), fill, body, label);
        w.row(text.get("record.camera.hidden"), text.yesNo(c.hideLive()), fill, body, label);
    }

    private void heading(PageWriter w, String key) {
        heading(w, text.get(key), true);
    }

    private void heading(PageWriter w, String title, boolean rule) {
        w.gap(10 * k);
        w.paragraph(title, 12.5f * k, Style.BOLD, Color.BLACK);
        if (rule) {
            w.rule(0.6f * k, GREY);
        }
        w.gap(3 * k);
    }

    private void bullet(PageWriter w, String line, float body) {
        float indent = 12 * k;
        w.room(PageWriter.lineHeight(body));
        // the bullet goes beside the paragraph's first line, which the room above keeps on this page
        w.show("•", w.left() + 2 * k, w.y() - body * 0.92f, body, Style.REGULAR, Color.BLACK);
        w.paragraph(line, body, Style.REGULAR, Color.BLACK, w.left() + indent, w.right());
        w.gap(2 * k);
    }

    /** "Generated by Doorstep …" and "Page 2 of 3" at the foot of every page, once the page count is known. */
    private void footers(PDDocument doc, PDFont font) throws IOException {
        int count = doc.getNumberOfPages();
        float fontSize = 8 * k;
        for (int i = 0; i < count; i++) {
            PDPage page = doc.getPage(i);
            try (PDPageContentStream s = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND,
                    true, true)) {
                String generated = text.get("generated", text.dateTime(facts.asOf()));
                String pageNo = text.get("page", i + 1, count);
                s.beginText();
                s.setFont(font, fontSize);
                s.setNonStrokingColor(GREY);
                s.newLineAtOffset(48 * k, 28 * k);
                s.showText(generated);
                s.endText();
                float width = font.getStringWidth(pageNo) / 1000f * fontSize;
                s.beginText();
                s.setFont(font, fontSize);
                s.newLineAtOffset(size.width() - 48 * k - width, 28 * k);
                s.showText(pageNo);
                s.endText();
            }
        }
    }
}
