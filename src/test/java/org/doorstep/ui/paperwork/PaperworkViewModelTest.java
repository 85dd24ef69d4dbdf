package org.doorstep.ui.paperwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.doorstep.common.Messages;
import org.doorstep.store.Camera;
import org.doorstep.store.OwnerStore;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.owner.OwnerController;
import org.doorstep.usecase.paperwork.PaperSize;
import org.doorstep.usecase.paperwork.Paperwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paperwork window's model without a stage: real owner file, real rendering, direct executors. */
class PaperworkViewModelTest {
    @TempDir
    Path dir;

    final List<Camera> cameras = new ArrayList<>(List.of(Camera.newCamera("Front door",
            URI.create("rtsp://192.168.1.20/main"), null, null, Duration.ofHours(48))));
    final List<Path> opened = new ArrayList<>();

    PaperworkViewModel model(Locale locale) {
        OwnerController owner = new OwnerController(new OwnerStore(dir.resolve("owner.json")));
        Paperwork paperwork = new Paperwork(() -> List.copyOf(cameras), owner::current, () -> 0,
                dir.resolve("paperwork"), Clock.systemUTC(), ZoneOffset.UTC);
        return new PaperworkViewModel(paperwork, owner, UiExecutors.direct(), Messages.of("paperwork", locale),
                opened::add);
    }

    static String text(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    @Test
    void loadShowsTheSignInTheWindowsLanguageAndSaysWhatIsMissing() throws Exception {
        PaperworkViewModel model = model(Locale.GERMAN);
        model.load();
        assertThat(model.languageProperty().get()).isEqualTo(Locale.GERMAN);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(model.previewProperty().get()));
        assertThat(png.getWidth()).isEqualTo(1240);
        assertThat(model.missingProperty().get()).isEqualTo("Fehlt in den Unterlagen: der Name des Verantwortlichen,"
                + " der Kontakt, der Zweck. Es wird als Zeile zum Ausfüllen von Hand gedruckt.");
        assertThat(model.busyProperty().get()).isFalse();

        byte[] german = model.previewProperty().get();
        model.sizeProperty().set(PaperSize.A5);
        assertThat(ImageIO.read(new ByteArrayInputStream(model.previewProperty().get())).getWidth()).isEqualTo(874);
        model.languageProperty().set(Locale.ENGLISH);
        assertThat(model.previewProperty().get()).isNotEqualTo(german);
    }

    @Test
    void theOwnersAnswerIsKeptAndTheKeptCopiesFollowIt() throws Exception {
        PaperworkViewModel model = model(Locale.ENGLISH);
        model.load();
        model.saveOwner();
        assertThat(model.messageProperty().get()).startsWith("Enter a name");

        model.nameProperty().set("Corner Shop Ltd");
        model.contactProperty().set("shop@example.org");
        model.purposeProperty().set("Protect the shop against theft");
        model.saveOwner();
        assertThat(model.messageProperty().get()).isEqualTo("Saved; the paperwork now shows it.");
        assertThat(model.missingProperty().get()).isEqualTo("Nothing is missing.");
        assertThat(text(dir.resolve("paperwork/sign-en-a4.pdf"))).contains("Corner Shop Ltd",
                "Protect the shop against theft", "after 48 hours");
        assertThat(model(Locale.ENGLISH).nameProperty().get()).isEmpty(); // a new model reads it on load
        PaperworkViewModel again = model(Locale.ENGLISH);
        again.load();
        assertThat(again.nameProperty().get()).isEqualTo("Corner Shop Ltd");
    }

    @Test
    void saveWritesTheChosenDocumentAndOpenShowsTheCurrentCopy() throws Exception {
        PaperworkViewModel model = model(Locale.ENGLISH);
        model.load();
        Path out = dir.resolve("out").resolve(model.suggestedName(Paperwork.Kind.RECORD, false));
        model.save(Paperwork.Kind.RECORD, out);
        assertThat(model.messageProperty().get()).isEqualTo("Saved to " + out.toAbsolutePath() + ".");
        assertThat(text(out)).contains("Record of processing activities", "Front door", "Retention 48 hours");

        cameras.add(Camera.newCamera("Yard", URI.create("rtsp://192.168.1.21/main"), null, null,
                Duration.ofHours(24)));
        model.languageProperty().set(Locale.GERMAN);
        model.open(Paperwork.Kind.RECORD);
        assertThat(opened).containsExactly(dir.resolve("paperwork/record-de.pdf"));
        assertThat(text(opened.get(0))).contains("Yard", "Speicherdauer 24 Stunden");
        assertThat(Files.exists(dir.resolve("paperwork/sign-de.png"))).isTrue();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void withoutAPdfViewerItSaysWhereTheFileIs() {
        OwnerController owner = new OwnerController(new OwnerStore(dir.resolve("owner.json")));
        Paperwork paperwork = new Paperwork(() -> List.copyOf(cameras), owner::current, () -> 0,
                dir.resolve("paperwork"), Clock.systemUTC(), ZoneOffset.UTC);
        PaperworkViewModel model = new PaperworkViewModel(paperwork, owner, UiExecutors.direct(),
                Messages.of("paperwork", Locale.ENGLISH), file -> {
                    throw new UnsupportedOperationException("no PDF viewer");
                });
        model.open(Paperwork.Kind.SIGN);
        assertThat(model.messageProperty().get()).isEqualTo("This computer has no program set up to open PDF files."
                + " The file is in " + dir.resolve("paperwork") + ".");
        assertThat(dir.resolve("paperwork/sign-en-a4.pdf")).exists();
    }
}
