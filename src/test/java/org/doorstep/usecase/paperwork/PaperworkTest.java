package org.doorstep.usecase.paperwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.doorstep.common.UserException;
import org.doorstep.store.Camera;
import org.doorstep.store.OwnerInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sign and the record made from settings, read back with PDFBox's text extraction. */
class PaperworkTest {
    @TempDir
    Path dir;

    final List<Camera> cameras = new ArrayList<>();
    final AtomicReference<Optional<OwnerInfo>> owner = new AtomicReference<>(Optional.of(new OwnerInfo(
            "Jörg Müller", "Gartenstraße 5, 10115 Berlin", "Um zu sehen, wer vor der Tür steht.", "household", false)));
    final Paperwork paperwork = new Paperwork(() -> List.copyOf(cameras), owner::get, () -> 3,
            null, Clock.fixed(Instant.parse("2026-11-30T10:15:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);

    PaperworkTest() {
        cameras.add(camera("Haustür", Duration.ofHours(48), null, false));
        cameras.add(camera("Yard", Duration.ofDays(7), "Holiday absence, Dec 20 to Jan 3", true)
                .withOptions(new Camera.Options("[[[0,0],[1,0],[1,0.2]]]", "Holiday absence, Dec 20 to Jan 3", 0,
                        "auto", true, false)));
    }

    static Camera camera(String name, Duration retention, String reason, boolean audio) {
        return Camera.newCamera(name, URI.create("rtsp://192.168.1.20/main"), null, null, retention)
                .withOptions(new Camera.Options(null, reason, 0, "auto", audio, false));
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    @Test
    void theGermanSignNamesTheControllerPurposeAndRetentionWithUmlauts() throws Exception {
        cameras.remove(1);
        String text = text(paperwork.pdf(Paperwork.Kind.SIGN, Locale.GERMAN, PaperSize.A4));
        assertThat(text).contains("Videoüberwachung", "Jörg Müller", "Gartenstraße 5, 10115 Berlin",
                "Um zu sehen, wer vor der Tür steht.", "Aufnahmen werden nach 48 Stunden automatisch gelöscht",
                "Art. 6 Abs. 1 lit. f DSGVO", "Auskunft (Art. 15)", "Datenschutz-Aufsichtsbehörde beschweren (Art. 77)",
                "Die vollständigen Informationen (Art. 13 DSGVO) erhalten Sie beim Verantwortlichen: Gartenstraße 5");
        assertThat(text).doesNotContain("bitte ausfüllen");
    }

    @Test
    void theEnglishSignListsEachCamerasRetentionWhenTheyDiffer() throws Exception {
        String text = text(paperwork.pdf(Paperwork.Kind.SIGN, Locale.ENGLISH, PaperSize.A5));
        assertThat(text).contains("Video surveillance", "Jörg Müller",
                "Recordings are erased automatically: Haustür: 48 hours; Yard: 7 days.", "Your rights");
        try (PDDocument doc = Loader.loadPDF(paperwork.pdf(Paperwork.Kind.SIGN, Locale.ENGLISH, PaperSize.A5))) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isCloseTo(419.5f, org.assertj.core.data.Offset.offset(1f));
        }
    }

    @Test
    void whatTheOwnerHasNotSaidIsALineToFillInNotAnInventedValue() throws Exception {
        owner.set(Optional.of(OwnerInfo.skippedForNow()));
        String sign = text(paperwork.pdf(Paperwork.Kind.SIGN, Locale.ENGLISH, PaperSize.A4));
        assertThat(sign).contains("Who records (controller) to fill in: ____", "Why to fill in: ____",
                "available from the controller: to fill in: ____");
        assertThat(paperwork.facts().missing()).containsExactly("missing.name", "missing.contact", "missing.purpose");
        owner.set(Optional.empty());
        String record = text(paperwork.pdf(Paperwork.Kind.RECORD, Locale.GERMAN, PaperSize.A4));
        assertThat(record).contains("Name bitte ausfüllen: ____", "Zweck bitte ausfüllen: ____");
    }

    @Test
    void theRecordListsEveryCameraWithRetentionReasonMasksAndSound() throws Exception {
        String en = text(paperwork.pdf(Paperwork.Kind.RECORD, Locale.ENGLISH, PaperSize.A4));
        assertThat(en).contains("Record of processing activities (Art. 30 GDPR)", "Jörg Müller",
                "Um zu sehen, wer vor der Tür steht.", "6. Cameras (2)", "Haustür", "Yard",
                "Retention 48 hours", "Retention 7 days",
                "Reason for keeping longer than", "Holiday absence, Dec 20 to Jan 3",
                "Privacy masks none set", "Privacy masks 1 area blacked out before storage", "Sound recording on",
                "Sound recording off", "Erasures by hand so far: 3", "None. Recordings are kept on this computer only",
                "AES-256-GCM", "Area covered to fill in: ____", "as of November 30, 2026");
        String de = text(paperwork.pdf(Paperwork.Kind.RECORD, Locale.GERMAN, PaperSize.A4));
        assertThat(de).contains("Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)", "6. Kameras (2)",
                "Speicherdauer 48 Stunden", "Speicherdauer 7 Tage", "Privatzonen 1 Bereich vor dem Speichern geschwärzt",
                "Tonaufzeichnung an", "Erfasster Bereich bitte ausfüllen", "Stand 30. November 2026");
    }

    @Test
    void aRetentionOver72HoursWithoutAReasonAsksForOneOnTheRecord() throws Exception {
        cameras.set(1, camera("Yard", Duration.ofHours(96), null, false));
        String text = text(paperwork.pdf(Paperwork.Kind.RECORD, Locale.ENGLISH, PaperSize.A5));
        assertThat(text).contains("Retention 4 days", "Reason for keeping longer than", "to fill in: ____");
        assertThat(text.split("Reason for keeping", -1)).hasSize(2); // only the camera above 72 hours
    }

    @Test
    void theLongestAnswersAndSixteenCamerasStillFitTheSignAndOddCharactersPrintAsQuestionMarks() throws Exception {
        owner.set(Optional.of(new OwnerInfo("N".repeat(120), "C".repeat(200), "Purpose ".repeat(62) + "end.",
                "shop", false)));
        cameras.clear();
        for (int i = 0; i < 16; i++) {
            cameras.add(camera("Kamera " + i + (i == 15 ? " \uD83D\uDEAA" : ""), Duration.ofHours(24 + i), null,
                    false));
        }
        for (PaperSize size : PaperSize.values()) {
            byte[] pdf = paperwork.pdf(Paperwork.Kind.SIGN, Locale.GERMAN, size);
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                assertThat(doc.getNumberOfPages()).isEqualTo(1);
            }
            assertThat(text(pdf)).contains("Kamera 15 ?: 39 Stunden", "Purpose end.", "Vollständige Informationen");
        }
    }

    @Test
    void aLongRecordGoesOnOverSeveralNumberedPages() throws Exception {
        for (int i = 0; i < 14; i++) {
            cameras.add(camera("Camera " + i, Duration.ofHours(24), null, false));
        }
        byte[] pdf = paperwork.pdf(Paperwork.Kind.RECORD, Locale.ENGLISH, PaperSize.A4);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pages = doc.getNumberOfPages();
            assertThat(pages).isGreaterThan(2);
            assertThat(text(pdf)).contains("Camera 13", "Page 1 of " + pages, "Page " + pages + " of " + pages);
        }
    }

    @Test
    void theSignsPngHasTheSizeOfItsPaperAt150Dpi() throws Exception {
        BufferedImage a4 = ImageIO.read(new ByteArrayInputStream(paperwork.signPng(Locale.GERMAN, PaperSize.A4)));
        assertThat(new int[] {a4.getWidth(), a4.getHeight()}).containsExactly(1240, 1753)
                .containsExactly(Paperwork.pngPixels(PaperSize.A4));
        BufferedImage a5 = ImageIO.read(new ByteArrayInputStream(paperwork.signPng(Locale.ENGLISH, PaperSize.A5)));
        assertThat(new int[] {a5.getWidth(), a5.getHeight()}).containsExactly(874, 1240);
        // the safety-yellow band at the top is really drawn
        int rgb = a4.getRGB(600, 100) & 0xffffff;
        assertThat(rgb >> 16).isGreaterThan(230);
        assertThat(rgb & 0xff).isLessThan(40);
    }

    @Test
    void everyTextIsInAnEmbeddedFontAndEveryWordingInBothLanguages() throws Exception {
        for (Paperwork.Kind kind : Paperwork.Kind.values()) {
            try (PDDocument doc = Loader.loadPDF(paperwork.pdf(kind, Locale.GERMAN, PaperSize.A4))) {
                for (var page : doc.getPages()) {
                    for (var name : page.getResources().getFontNames()) {
                        assertThat(page.getResources().getFont(name).isEmbedded()).as(kind + " " + name).isTrue();
                    }
                }
            }
        }
        var en = java.util.ResourceBundle.getBundle("org.doorstep.i18n.paperwork", Locale.ROOT);
        var de = java.util.ResourceBundle.getBundle("org.doorstep.i18n.paperwork", Locale.GERMAN);
        assertThat(de.keySet()).containsExactlyInAnyOrderElementsOf(en.keySet());
        assertThat(de.getString("sign.title")).isEqualTo("Videoüberwachung"); // read as UTF-8, umlaut intact
    }

    @Test
    void writeRefusesTheRecordAsPngAndLeavesNoFile() {
        Path out = dir.resolve("record.png");
        assertThatThrownBy(() -> paperwork.write(Paperwork.Kind.RECORD, Locale.ENGLISH, PaperSize.A4, out))
                .isInstanceOf(UserException.class).hasMessageContaining(".pdf");
        assertThat(out).doesNotExist();
    }

    @Test
    void refreshRendersTheFolderAnewOnlyWhenTheSettingsChange() throws Exception {
        Paperwork kept = new Paperwork(() -> List.copyOf(cameras), owner::get, () -> 0, dir.resolve("paperwork"),
                Clock.systemUTC(), ZoneOffset.UTC);
        assertThat(kept.refreshIfKept()).isEmpty(); // nothing written before the owner asked for the paperwork
        assertThat(dir.resolve("paperwork")).doesNotExist();
        long started = System.nanoTime();
        Paperwork.Refreshed first = kept.refresh();
        System.out.printf("paperwork refresh, 8 documents: %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(first.rendered()).isTrue();
        assertThat(first.files()).hasSize(8).allMatch(Files::exists);
        assertThat(kept.refresh().rendered()).isFalse();
        cameras.set(0, camera("Haustür", Duration.ofHours(24), null, false));
        assertThat(kept.refreshIfKept()).hasValueSatisfying(r -> assertThat(r.rendered()).isTrue());
        String sign = text(Files.readAllBytes(kept.fileFor(Paperwork.Kind.SIGN, Locale.GERMAN, PaperSize.A5)));
        assertThat(sign).contains("Haustür: 24 Stunden");
    }
}
