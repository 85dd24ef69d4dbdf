package org.doorstep.ui;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.doorstep.App;
import org.doorstep.cli.DoorstepCommand;
import org.doorstep.cli.UserException;
import org.doorstep.i18n.Messages;
import org.doorstep.store.Camera;
import org.doorstep.store.TimelineQuery;

/**
 * Starts JavaFX without an Application subclass, so the window gets its services through the
 * constructor like everything else instead of through static fields.
 */
public final class FxWindowLauncher implements WindowLauncher {

    /** Rows for every camera, read from the index. */
    static TimelineLoader timelineLoader(App app) {
        TimelineQuery query = new TimelineQuery(app.database());
        return (from, to) -> {
            List<TimelineView.Row> rows = new ArrayList<>();
            for (Camera camera : app.cameras().all()) {
                rows.add(new TimelineView.Row(camera.name(), query.load(camera.id(), from, to)));
            }
            return rows;
        };
    }

    @Override
    public int launch(DoorstepCommand root, boolean demo) {
        Messages text = Messages.of("ui");
        try (App app = root.openApp(demo ? "doorstep --demo" : "doorstep")) {
            List<Camera> cameras = app.cameras().all();
            CountDownLatch closed = new CountDownLatch(1);
            try {
                Platform.startup(() -> {
                    MainWindow window = new MainWindow(text, timelineLoader(app));
                    window.showCameras(cameras);
                    Stage stage = new Stage();
                    stage.setOnHidden(e -> closed.countDown());
                    window.show(stage);
                });
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                throw new UserException(text.get("error.noDisplay"));
            }
            closed.await();
            Platform.exit();
            return 0;
        } catch (SQLException e) {
            throw new UserException(text.get("error.database", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
