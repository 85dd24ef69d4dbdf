package org.doorstep.ui.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.doorstep.common.Messages;
import org.doorstep.media.DecoderDoctor;
import org.doorstep.media.DecoderProbe;
import org.doorstep.record.CameraStatus;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.desktop.Diagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpMenuModelTest {
    @TempDir
    Path dir;

    private final List<CameraStatus> cameras = List.of(
            new CameraStatus(1, "Front door", "main", CameraStatus.State.RECORDING, null, null, Instant.EPOCH, 3, 9),
            new CameraStatus(2, "Garden shed", "main", CameraStatus.State.RECONNECTING, "unreachable", "x",
                    Instant.EPOCH, 0, 0));

    private Diagnostics diagnostics(Path logs) {
        DecoderDoctor.Report report = new DecoderDoctor.Report(Instant.EPOCH, "linux-x86_64",
                new DecoderProbe.Build("8.1.2", "LGPL version 2.1 or later", "--enable-x", "libopenh264"),
                List.of(), List.of());
        return new Diagnostics(() -> report, () -> cameras, logs, "1.2.3");
    }

    @Test
    void copiesVersionsStatesAndDoctorFindingsButNoCameraNames() {
        HelpMenuModel model = new HelpMenuModel(diagnostics(dir.resolve("logs")), f -> { }, UiExecutors.direct(),
                Messages.of("desktop", Locale.ENGLISH));
        AtomicReference<String> clipboard = new AtomicReference<>();
        model.copyDiagnostics(clipboard::set);

        assertThat(clipboard.get()).contains("Doorstep 1.2.3", "Java ", "OS ", "FFmpeg 8.1.2",
                "Cameras 2, recording 1, reconnecting 1");
        assertThat(clipboard.get()).doesNotContain("Front door", "Garden shed", "unreachable");
        assertThat(model.message.get()).startsWith("Diagnostics copied");
        assertThat(model.busy.get()).isFalse();
    }

    @Test
    void opensTheLogFolderCreatingItFirst() {
        Path logs = dir.resolve("state/doorstep/logs");
        List<Path> opened = new ArrayList<>();
        HelpMenuModel model = new HelpMenuModel(diagnostics(logs), opened::add, UiExecutors.direct(),
                Messages.of("desktop", Locale.ENGLISH));
        model.openLogFolder();
        assertThat(opened).containsExactly(logs);
        assertThat(logs).isDirectory();
    }

    @Test
    void aFolderThatCannotBeOpenedIsASentence() {
        HelpMenuModel model = new HelpMenuModel(diagnostics(dir), f -> {
            throw new org.doorstep.common.UserException("no file manager");
        }, UiExecutors.direct(), Messages.of("desktop", Locale.ENGLISH));
        model.openLogFolder();
        assertThat(model.message.get()).isEqualTo("The log folder could not be opened: no file manager");
    }
}
