package org.doorstep.usecase.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.doorstep.App;
import org.doorstep.motion.MotionMask;
import org.doorstep.playback.EvidenceStamp;
import org.doorstep.store.DataDir;
import org.doorstep.usecase.audit.Audit;
import org.doorstep.usecase.cameras.PolygonText;
import org.doorstep.usecase.lock.AppLock;
import org.doorstep.usecase.paperwork.PaperSize;
import org.doorstep.usecase.paperwork.Paperwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The presets over a real recording of the virtual doorbell (720p, encrypted segments) and the real exporter, hash,
 * sheets, lock and audit: what lands on disk is decoded and read back.
 */
class PresetExportsTest {
    @TempDir
    static Path dir;
    static Instant[] recorded;
    static App app;
    static Path quick;

    @BeforeAll
    static void record() throws Exception {
        recorded = DoorbellFootage.record(dir.resolve("data"), 6);
        app = App.open(new DataDir(dir.resolve("data")), "preset test");
        quick = dir.resolve("quick.mp4");
        PresetExports.Outcome q = app.presetExports().export(request(ExportPreset.QUICK, quick, List.of()), f -> { },
                () -> false);
        assertThat(q.files()).containsExactly(quick.toAbsolutePath());
    }

    @AfterAll
    static void close() {
        if (app != null) {
            app.close();
        }
    }

    private static PresetExports.Request request(ExportPreset preset, Path out, List<MotionMask.Polygon> blur) {
        return new PresetExports.Request(DoorbellFootage.CAMERA, recorded[0], recorded[1], out, preset, blur,
                Locale.ENGLISH);
    }

    @Test
    void evidenceBurnsInTheTimeWritesAMatchingHashAndADataSheet() throws Exception {
        Path out = dir.resolve("evidence.mp4");
        long t0 = System.nanoTime();
        PresetExports.Outcome o = app.presetExports().export(request(ExportPreset.EVIDENCE, out, List.of()), f -> { },
                () -> false);
        System.out.printf("evidence export of %s: %d ms%n", o.video().duration(), (System.nanoTime() - t0) / 1_000_000);

        assertThat(o.files()).containsExactly(out.toAbsolutePath(), PresetExports.hashFileFor(out.toAbsolutePath()),
                PresetExports.sheetFor(out.toAbsolutePath()));
        assertThat(Files.readString(o.hashFile())).isEqualTo(PresetExports.sha256(out) + "  evidence.mp4\n");
        assertThat(o.sha256()).hasSize(64).isEqualTo(PresetExports.sha256(out));

        String sheet = pdfText(o.sheet());
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
        DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);
        assertThat(sheet).contains("Data sheet: video evidence", "Porch", o.sha256(),
                local.format(recorded[0]), utc.format(recorded[0]) + " UTC", utc.format(recorded[1]) + " UTC",
                "preset test", "Nothing: the whole range was readable", "48 hours");

        // the stamp's box changed, the rest of the picture is the recording re-encoded (nearly the same)
        Compared c = compare(quick, out, (w, h) -> {
            int[] a = EvidenceStamp.area(w, h, 120);
            return new int[] {a[0], a[1], a[0] + a[2], a[1] + a[3]};
        });
        saveFrame(out, Path.of("target", "screenshots-dev", "evidence-frame.png"));
        assertThat(c.frames).isGreaterThan(40);
        assertThat(c.insideDiff).as("text box differs from the recording").isGreaterThan(25);
        assertThat(c.outsideDiff).as("rest of the picture about unchanged").isLessThan(6);
    }

    @Test
    void anAccessRequestBlursTheDrawnRegionAndComesWithTheArticle15Sheet() throws Exception {
        Path out = dir.resolve("request.mp4");
        List<MotionMask.Polygon> left = PolygonText.parseAll(List.of("0,0 0.5,0 0.5,1 0,1"));
        PresetExports.Outcome o = app.presetExports().export(new PresetExports.Request(DoorbellFootage.CAMERA,
                recorded[0], recorded[1], out, ExportPreset.ACCESS_REQUEST, left, Locale.GERMAN), f -> { },
                () -> false);
        assertThat(o.hashFile()).isNull();
        assertThat(o.files()).containsExactly(out.toAbsolutePath(), PresetExports.sheetFor(out.toAbsolutePath()));

        Detail d = detail(quick, out);
        assertThat(d.frames).isGreaterThan(40);
        System.out.println("edges left " + d.sourceLeft + " -> " + d.blurredLeft + ", right " + d.sourceRight + " -> "
                + d.blurredRight);
        assertThat(d.sourceLeft).as("the scene has edges on the left").isGreaterThan(0.005);
        assertThat(d.blurredLeft).as("left half blurred: little detail").isLessThan(d.sourceLeft * 0.1);
        assertThat(d.blurredRight).as("right half kept").isGreaterThan(d.sourceRight * 0.7);

        String sheet = pdfText(o.sheet());
        assertThat(sheet).contains("Auskunft nach Art. 15 DSGVO", "Porch", "Keine. Die Aufnahmen bleiben",
                "1 Bereich mit anderen Personen wurde zu deren Schutz verwischt", "Art. 77", "48 Stunden");
    }

    @Test
    void presetsNeedTheAppUnlockedAndEachLeavesAnAuditRowNamingIt() throws Exception {
        AppLock lock = app.lock();
        lock.set(null, "secret".toCharArray());
        lock.lockNow();
        try {
            assertThatThrownBy(() -> app.presetExports().export(request(ExportPreset.EVIDENCE,
                    dir.resolve("locked.mp4"), List.of()), f -> { }, () -> false))
                    .isInstanceOf(AppLock.LockedException.class);
            assertThat(dir.resolve("locked.mp4")).doesNotExist();
        } finally {
            assertThat(lock.unlock("secret".toCharArray())).isTrue();
            lock.clear("secret".toCharArray());
        }
        Path out = dir.resolve("audited.mp4");
        app.presetExports().export(request(ExportPreset.ACCESS_REQUEST, out, List.of()), f -> { }, () -> false);

        List<Audit.Row> rows = app.audit().entries(null, null).stream()
                .filter(r -> r.action().equals(Audit.EXPORT)).toList();
        assertThat(rows).anySatisfy(r -> assertThat(r.detail()).contains("preset=quick", "quick.mp4"));
        assertThat(rows).anySatisfy(r -> assertThat(r.detail()).contains("preset=access-request", "audited.mp4"));
        assertThat(rows).anySatisfy(r -> assertThat(r.detail()).contains("preset=access-request", "audited.pdf"));
        assertThat(rows).allSatisfy(r -> assertThat(r.actor()).isEqualTo("preset test"));

        // an erase of the range offers to remove every file a preset wrote (found by those rows)
        org.doorstep.usecase.erase.ErasePreview preview = app.erase().preview(
                org.doorstep.usecase.erase.EraseScope.cameraRange(DoorbellFootage.CAMERA, recorded[0], recorded[1]));
        assertThat(preview.exports()).extracting(x -> Path.of(x.file()).getFileName().toString())
                .contains("audited.mp4", "audited.pdf");
    }

    @Test
    void aCancelledPresetExportLeavesNoFile() throws Exception {
        Path out = dir.resolve("cancelled.mp4");
        AtomicBoolean stop = new AtomicBoolean();
        assertThatThrownBy(() -> app.presetExports().export(request(ExportPreset.EVIDENCE, out, List.of()), f -> {
            if (f > 0) {
                stop.set(true);
            }
        }, stop::get)).isInstanceOf(CancellationException.class);
        for (Path f : PresetExports.filesFor(ExportPreset.EVIDENCE, out)) {
            assertThat(f).doesNotExist();
        }
        assertThat(dir.resolve("cancelled.mp4.part")).doesNotExist();
    }

    @Test
    void theRecordOfProcessingListsKeptClipsAndTheMeasuresInForce() throws Exception {
        app.keep().keep(DoorbellFootage.CAMERA, recorded[0], recorded[1], "Parcel taken from the porch",
                LocalDate.now().plusDays(30));
        String record = pdfText(app.paperwork().pdf(Paperwork.Kind.RECORD, Locale.ENGLISH, PaperSize.A4));
        assertThat(record).contains("Clips kept as evidence (1)", "Parcel taken from the porch", "Review on",
                "App lock off (no password set)", "Audit log on: views, exports", "Key-encryption key kept at",
                "Privacy masks per camera Porch: none set");
        assertThat(record).doesNotContain("People with PINs");
        app.lock().set(null, "pw".toCharArray());
        try {
            app.lock().people().add("Anna", org.doorstep.usecase.lock.People.Role.STAFF, "1234".toCharArray());
            String locked = pdfText(app.paperwork().pdf(Paperwork.Kind.RECORD, Locale.GERMAN, PaperSize.A4));
            assertThat(locked).contains("App-Sperre an: Wiedergabe, Export", "Parcel taken from the porch",
                    "Personen mit PIN 0 Inhaber, 1 Mitarbeitende");
        } finally {
            app.lock().unlock("pw".toCharArray());
            app.lock().clear("pw".toCharArray());
        }
    }

    @Test
    void aFileAlreadyThereIsNeverOverwritten() throws Exception {
        Path out = dir.resolve("taken.mp4");
        Files.writeString(PresetExports.sheetFor(out), "mine");
        assertThatThrownBy(() -> app.presetExports().export(request(ExportPreset.EVIDENCE, out, List.of()), f -> { },
                () -> false)).hasMessageContaining("taken.pdf already exists");
        assertThat(Files.readString(PresetExports.sheetFor(out))).isEqualTo("mine");
        assertThat(out).doesNotExist();
    }

    static String pdfText(Path pdf) throws Exception {
        return pdfText(Files.readAllBytes(pdf));
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    /** Which rectangle (x0, y0, x1, y1) of a picture of that size is the stamp. */
    interface Box {
        int[] of(int width, int height);
    }

    record Compared(int frames, double insideDiff, double outsideDiff) {}

    /** Mean absolute luma difference inside and outside the box, over every 5th frame of both videos in step. */
    static Compared compare(Path source, Path edited, Box box) throws Exception {
        double inside = 0;
        double outside = 0;
        long nIn = 0;
        long nOut = 0;
        int frames = 0;
        try (FFmpegFrameGrabber a = grabber(source); FFmpegFrameGrabber b = grabber(edited)) {
            Frame fa;
            Frame fb;
            while ((fa = a.grabImage()) != null && (fb = b.grabImage()) != null) {
                frames++;
                if (frames % 5 != 0) {
                    continue;
                }
                int w = fa.imageWidth;
                int h = fa.imageHeight;
                int[] r = box.of(w, h);
                ByteBuffer pa = (ByteBuffer) fa.image[0];
                ByteBuffer pb = (ByteBuffer) fb.image[0];
                for (int y = 0; y < h; y += 2) {
                    for (int x = 0; x < w; x += 2) {
                        int d = Math.abs((pa.get(y * fa.imageStride + x) & 0xff) - (pb.get(y * fb.imageStride + x) & 0xff));
                        boolean in = x >= r[0] && x < r[2] && y >= r[1] && y < r[3];
                        // a margin around the box: the encoder's blocks bleed a little across its edge
                        boolean near = x >= r[0] - 16 && x < r[2] + 16 && y >= r[1] - 16 && y < r[3] + 16;
                        if (in) {
                            inside += d;
                            nIn++;
                        } else if (!near) {
                            outside += d;
                            nOut++;
                        }
                    }
                }
            }
        }
        return new Compared(frames, inside / Math.max(1, nIn), outside / Math.max(1, nOut));
    }

    record Detail(int frames, double sourceLeft, double blurredLeft, double sourceRight, double blurredRight) {}

    /** The share of edge pixels in the left 40 % and the right 40 %, source and edited, summed over frames. */
    static Detail detail(Path source, Path edited) throws Exception {
        double[] sums = new double[4];
        int frames = 0;
        try (FFmpegFrameGrabber a = grabber(source); FFmpegFrameGrabber b = grabber(edited)) {
            Frame fa;
            Frame fb;
            while ((fa = a.grabImage()) != null && (fb = b.grabImage()) != null) {
                frames++;
                if (frames % 5 != 0) {
                    continue;
                }
                int w = fa.imageWidth;
                sums[0] += gradient(fa, 0, w * 4 / 10);
                sums[1] += gradient(fb, 0, w * 4 / 10);
                sums[2] += gradient(fa, w * 6 / 10, w);
                sums[3] += gradient(fb, w * 6 / 10, w);
            }
        }
        return new Detail(frames, sums[0], sums[1], sums[2], sums[3]);
    }

    private static double gradient(Frame f, int x0, int x1) {
        ByteBuffer p = (ByteBuffer) f.image[0];
        long sum = 0;
        long n = 0;
        for (int y = 0; y < f.imageHeight; y += 2) {
            for (int x = x0 + 2; x < x1; x++) {
                // an edge: a step a blur leaves nowhere (encoder noise and smooth shading stay below it)
                int step = Math.abs((p.get(y * f.imageStride + x) & 0xff) - (p.get(y * f.imageStride + x - 2) & 0xff));
                sum += step > 8 ? 1 : 0;
                n++;
            }
        }
        return sum / (double) n;
    }

    /** A picture of the export for the developer to look at (not an assertion). */
    private static void saveFrame(Path video, Path png) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.start();
            Frame f = null;
            for (int i = 0; i < 20; i++) {
                f = g.grabImage();
            }
            Files.createDirectories(png.getParent());
            javax.imageio.ImageIO.write(new org.bytedeco.javacv.Java2DFrameConverter().convert(f), "png", png.toFile());
        }
    }

    private static FFmpegFrameGrabber grabber(Path file) throws Exception {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
        g.start();
        return g;
    }
}
