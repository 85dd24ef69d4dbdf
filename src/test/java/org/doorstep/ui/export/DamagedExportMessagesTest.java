package org.doorstep.ui.export;

import org.doorstep.usecase.player.DoorbellFootage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.doorstep.App;
import org.doorstep.Main;
import org.doorstep.common.Messages;
import org.doorstep.store.DataDir;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.ui.common.UiExecutors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording with one flipped byte: the window and the command line both export the rest and name the gap. */
class DamagedExportMessagesTest {
    @TempDir
    Path dir;

    @Test
    void damagedPieceIsNamedInEnglishAndGermanAndOnTheCommandLine() throws Exception {
        Path data = dir.resolve("data");
        Instant[] recorded = DoorbellFootage.record(data, 6);
        try (App app = App.open(new DataDir(data), "damaged export test")) {
            List<SegmentRow> rows = new SegmentIndex(app.database()).find(null, null, null).stream()
                    .filter(r -> r.stream().equals("main")).toList();
            Path file = new SegmentFiles(app.dataDir()).resolve(rows.get(1).file());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long at = ch.size() * 2 / 3;
                ByteBuffer b = ByteBuffer.allocate(1);
                ch.read(b, at);
                b.put(0, (byte) (b.get(0) ^ 0x10));
                ch.write(b.rewind(), at);
            }
            for (Locale locale : List.of(Locale.ENGLISH, Locale.GERMAN)) {
                Path out = Files.createDirectories(dir.resolve(locale.getLanguage()));
                ExportViewModel vm = new ExportViewModel(app.player(), UiExecutors.direct(),
                        Messages.of("export", locale), f -> { }, out, ZoneOffset.UTC);
                vm.request(DoorbellFootage.CAMERA, recorded[0], recorded[1]);
                vm.start();
                assertThat(vm.stateProperty().get()).isEqualTo(ExportViewModel.State.DONE);
                String said = vm.messageProperty().get();
                assertThat(said).as(said).matches(locale == Locale.ENGLISH
                        ? "(?s)Saved .*Left out because the recording is damaged there: \\d\\d:\\d\\d:\\d\\d to \\d\\d:\\d\\d:\\d\\d\\."
                        : "(?s).*Ausgelassen, weil die Aufnahme dort beschädigt ist: \\d\\d:\\d\\d:\\d\\d bis \\d\\d:\\d\\d:\\d\\d\\.");
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.ENGLISH);
            int code = Main.run(new String[] {"--data-dir", data.toString(), "export", "--camera", DoorbellFootage.CAMERA,
                    "--from", recorded[0].toString(), "--to", recorded[1].toString(), dir.resolve("cli.mp4").toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(code).as(err.toString()).isZero();
        } finally {
            Locale.setDefault(before);
        }
        assertThat(err.toString()).containsPattern("Left out \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d to "
                + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d: that part of the recording is damaged");
        assertThat(dir.resolve("cli.mp4")).exists();
    }
}
