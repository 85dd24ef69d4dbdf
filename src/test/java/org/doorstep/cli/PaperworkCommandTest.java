package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.doorstep.App;
import org.doorstep.store.DataDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doorstep paperwork} over a real data folder: cameras set with the command line, the owner's answer kept. */
class PaperworkCommandTest {
    @TempDir
    Path dir;

    static String text(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    private CliRunner setUp() {
        CliRunner cli = new CliRunner(dir.resolve("data"));
        assertThat(cli.run("camera", "add", "Vordertür", "--url", "rtsp://192.168.1.20/main", "--retention", "36h")
                .exitCode()).isZero();
        assertThat(cli.run("camera", "add", "Garage", "--url", "rtsp://192.168.1.21/main", "--retention", "36h")
                .exitCode()).isZero();
        return cli;
    }

    @Test
    void theSignAndTheRecordCarryTheConfiguredRetentionPurposeAndCameraNames() throws Exception {
        CliRunner cli = setUp();
        try (App app = App.open(new DataDir(dir.resolve("data")), "paperwork test")) {
            app.owner().save("Bäckerei Weiß", "laden@example.org", "Schutz vor Diebstahl im Laden", "shop");
        }
        CliRunner.Result sign = cli.run("--lang", "de", "paperwork", "sign", "--size", "a5",
                dir.resolve("schild.pdf").toString());
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(sign.out()).contains("schild.pdf");
        assertThat(text(dir.resolve("schild.pdf"))).contains("Videoüberwachung", "Bäckerei Weiß",
                "Schutz vor Diebstahl im Laden", "nach 36 Stunden automatisch gelöscht");

        CliRunner.Result record = cli.run("paperwork", "record", dir.resolve("record.pdf").toString());
        assertThat(record.exitCode()).as(record.err()).isZero();
        assertThat(record.err()).doesNotContain("fill in");
        assertThat(text(dir.resolve("record.pdf"))).contains("Record of processing activities", "Vordertür",
                "Garage", "Retention 36 hours", "Schutz vor Diebstahl im Laden", "Bäckerei Weiß");

        // a changed setting shows in the next document at once
        assertThat(cli.run("camera", "set", "Garage", "--retention", "24h").exitCode()).isZero();
        cli.run("paperwork", "record", dir.resolve("record.pdf").toString());
        assertThat(text(dir.resolve("record.pdf"))).contains("Retention 24 hours", "Retention 36 hours");
    }

    @Test
    void theSignAsPngAndWhatIsStillMissing() throws Exception {
        CliRunner cli = setUp();
        CliRunner.Result png = cli.run("paperwork", "sign", dir.resolve("sign.png").toString());
        assertThat(png.exitCode()).as(png.err()).isZero();
        assertThat(png.err()).contains("To fill in by hand on the paper: the controller's name, the contact,"
                + " the purpose.");
        BufferedImage image = ImageIO.read(dir.resolve("sign.png").toFile());
        assertThat(image.getWidth()).isEqualTo(1240);
        assertThat(image.getHeight()).isEqualTo(1753);
    }

    @Test
    void whileTheWindowOwnsTheDataFolderTheCommandIsCarriedOutByIt() throws Exception {
        Path data = dir.resolve("owned");
        org.doorstep.Launcher launcher = new org.doorstep.Launcher();
        try (org.doorstep.usecase.Workspace owner = launcher.open(data, "doorstep window");
             AutoCloseable serving = launcher.serve(owner, null)) {
            owner.owner().save("Familie Groß", "", "Wer klingelt", "household");
            CliRunner.Result sign = new CliRunner(data).run("--lang", "de", "paperwork", "sign",
                    dir.resolve("schild.pdf").toString());
            assertThat(sign.exitCode()).as(sign.err()).isZero();
            assertThat(sign.err()).contains("Auf dem Papier von Hand auszufüllen: der Kontakt.");
            assertThat(text(dir.resolve("schild.pdf"))).contains("Familie Groß", "Wer klingelt",
                    "Zurzeit zeichnet keine Kamera auf.");
        }
    }

    @Test
    void wrongWordsAreUsageErrors() {
        CliRunner cli = new CliRunner(dir.resolve("data"));
        CliRunner.Result what = cli.run("paperwork", "poster", dir.resolve("x.pdf").toString());
        assertThat(what.exitCode()).isEqualTo(2);
        assertThat(what.err()).contains("Unknown document \"poster\"");
        CliRunner.Result size = cli.run("paperwork", "sign", "--size", "a3", dir.resolve("x.pdf").toString());
        assertThat(size.exitCode()).isEqualTo(2);
        CliRunner.Result type = cli.run("paperwork", "record", dir.resolve("x.png").toString());
        assertThat(type.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("x.png")).doesNotExist();
        assertThat(dir.resolve("data")).doesNotExist(); // wrong words never open (or create) the data folder
    }
}
