package org.doorstep.ui.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.doorstep.Launcher;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The audit log window over a real data folder: rows newest first, in words, no pictures. */
@ExtendWith(ApplicationExtension.class)
class AuditViewTest {
    private Workspace workspace;
    private Stage shown;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("doorstep-audit");
        workspace = new Launcher().open(dir, "doorstep");
        workspace.catalog().add(new CameraCatalog.ByAddress("Porch", "rtsp://10.0.0.2/main", null, null, null, null));
        Instant now = Instant.now();
        workspace.audit().viewed("Porch", now.minusSeconds(600), now.minusSeconds(540));
        workspace.audit().recordingStopped("Porch", "objection");
    }

    @AfterEach
    void close(FxRobot robot) {
        if (shown != null) {
            robot.interact(shown::close);
        }
        workspace.close();
    }

    @Test
    void theViewModelReadsNewestFirstInWords() {
        AuditViewModel model = new AuditViewModel(workspace.audit(), UiExecutors.direct(), Messages.of("audit",
                Locale.GERMAN), ZoneOffset.UTC, Clock.systemUTC());
        model.load();
        assertThat(model.rows()).extracting(AuditViewModel.Row::action).containsExactly("Aufnahme gestoppt", "Angesehen");
        assertThat(model.rows().get(1).detail()).contains("(Porch)").contains("from=");
        assertThat(model.summaryProperty().get()).isEqualTo("2 Einträge");
        assertThat(model.hint()).contains("365 Tage");
    }

    @Test
    void theWindowListsTheRows(FxRobot robot) {
        robot.interact(() -> shown = AuditView.open(new AuditViewModel(workspace.audit(),
                UiExecutors.forWindow(java.util.concurrent.Executors.newSingleThreadExecutor()),
                Messages.of("audit", Locale.ENGLISH), ZoneOffset.UTC, Clock.systemUTC()),
                Messages.of("audit", Locale.ENGLISH), null));
        TableView<?> table = robot.lookup("#auditTable").queryAs(TableView.class);
        await().atMost(5, TimeUnit.SECONDS).until(() -> table.getItems().size() == 2);
        assertThat(table.getItems()).extracting(r -> ((AuditViewModel.Row) r).action())
                .containsExactly("Recording stopped", "Viewed");
        assertThat(((AuditViewModel.Row) table.getItems().get(0)).detail()).contains("reason: objection");
        assertThat(robot.lookup("#auditSummary").queryLabeled().getText()).isEqualTo("2 entries");
    }
}
