package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.doorstep.App;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.Settings;
import org.doorstep.usecase.player.PresetExports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --preset}: evidence and access request from the command line, over a recording made by it. */
class ExportPresetCliTest {
    @TempDir
    Path dir;

    @Test
    void presetsWriteTheirFilesAndAnUnknownPresetIsAUsageError() throws Exception {
        Path data = dir.resolve("data");
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null);
        Instant from;
        Instant to;
        try (VirtualDoorbell bell = new VirtualDoorbell(cfg)) {
            bell.start();
            try (App app = App.open(new DataDir(data), "test setup")) {
                Settings d = Settings.defaults();
                app.settingsStore().save(new Settings(null, 2, 0, 0, 300, d.hwAccel(), d.motionFps()));
                app.cameras().insert(Camera.newCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null,
                        null));
            }
            Instant begin = Instant.now();
            CliRunner.Result rec = new CliRunner(data).run("record", "--duration", "5s");
            assertThat(rec.exitCode()).as(rec.err()).isZero();
            JsonNode segs = new ObjectMapper().readTree(
                    new CliRunner(data).run("segments", "--json", "--from", begin.toString()).out());
            assertThat(segs.size()).isGreaterThanOrEqualTo(2);
            from = Instant.parse(segs.get(0).get("start").asText());
            to = Instant.parse(segs.get(segs.size() - 1).get("end").asText());
        }

        Path evidence = dir.resolve("evidence.mp4");
        CliRunner.Result e = new CliRunner(data).run("export", "--camera", "porch", "--from", from.toString(),
                "--to", to.toString(), "--preset", "evidence", evidence.toString());
        assertThat(e.exitCode()).as(e.err()).isZero();
        String sha = PresetExports.sha256(evidence);
        assertThat(e.err()).contains("SHA-256: " + sha, "evidence.mp4.sha256", "evidence.pdf");
        assertThat(Files.readString(PresetExports.hashFileFor(evidence))).startsWith(sha + "  evidence.mp4");
        assertThat(pdfText(PresetExports.sheetFor(evidence))).contains(sha, "porch", "doorstep export");

        Path request = dir.resolve("request.mp4");
        CliRunner.Result r = new CliRunner(data).run("export", "--camera", "porch", "--from", from.toString(),
                "--to", to.toString(), "--preset", "access-request", "--language", "de", "--blur",
                "0,0 0.5,0 0.5,1 0,1", request.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(pdfText(PresetExports.sheetFor(request))).contains("Auskunft nach Art. 15 DSGVO",
                "1 Bereich mit anderen Personen wurde");
        assertThat(PresetExports.hashFileFor(request)).doesNotExist();

        CliRunner.Result bad = new CliRunner(data).run("export", "--camera", "porch", "--from", from.toString(),
                "--to", to.toString(), "--preset", "forensic", dir.resolve("x.mp4").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Unknown preset \"forensic\"");
        assertThat(dir.resolve("x.mp4")).doesNotExist();

        CliRunner.Result audit = new CliRunner(data).run("audit");
        assertThat(audit.out()).contains("preset=evidence", "preset=access-request");
    }

    private static String pdfText(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf))) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }
}
