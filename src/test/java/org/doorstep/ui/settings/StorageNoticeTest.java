package org.doorstep.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.doorstep.Launcher;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool bar's storage line: empty while all is well, a sentence once the recordings drive is unplugged. */
class StorageNoticeTest {
    @TempDir
    Path dir;

    @Test
    void theNoticeSaysWhenTheRecordingsDriveIsGone() throws Exception {
        Path data = dir.resolve("data");
        Path drive = dir.resolve("usb");
        Files.createDirectories(drive.resolve("segments"));
        Files.createDirectories(data);
        Files.createSymbolicLink(data.resolve("segments"), drive.resolve("segments"));
        try (Workspace workspace = new Launcher().open(data, "notice test")) {
            StorageNotice notice = new StorageNotice(workspace.storage(), UiExecutors.direct(),
                    Messages.of("storage", Locale.ENGLISH));
            notice.refresh();
            assertThat(notice.noticeProperty().get()).isEmpty();

            Files.move(drive, dir.resolve("unplugged"));
            notice.refresh();
            assertThat(notice.noticeProperty().get()).contains(data.resolve("segments").toString())
                    .contains("plug it in");
        }
    }
}
