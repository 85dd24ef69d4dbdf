package org.doorstep.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.doorstep.common.Messages;
import org.doorstep.common.StopSignal;
import org.doorstep.common.UserException;
import org.doorstep.record.CameraStatus;
import org.doorstep.record.RecordingListener;
import org.doorstep.ui.cameras.CameraListViewModel;
import org.doorstep.ui.common.Theme;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Doorstep;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.demo.DemoDoorbell;
import org.doorstep.usecase.watch.Watch;
import org.slf4j.LoggerFactory;

/**
 * The desktop face: starts JavaFX without an Application subclass (so the window gets its use cases through
 * constructors instead of static fields), takes the data folder, and records every enabled camera while the window
 * is open; with {@code --demo} the demo doorbell is one of them.
 */
public final class DesktopApp {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);
    private final Doorstep doorstep;

    public DesktopApp(Doorstep doorstep) {
        this.doorstep = doorstep;
    }

    /** Shows the window until it is closed; nothing when this computer cannot show one. */
    public OptionalInt launch(Path dataDir, boolean demo) {
        // JavaFX warns on stderr that it runs from the class path; that is how Doorstep ships, so say nothing
        java.util.logging.Logger.getLogger("javafx").setLevel(java.util.logging.Level.SEVERE);
        try {
            Platform.startup(() -> { });
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return OptionalInt.empty();
        }
        Messages text = Messages.of("ui");
        StopSignal closed = new StopSignal(CLOSE_WAIT);
        // Ctrl+C in the terminal that started the window closes segments, events and the index cleanly, as
        // closing the window does: the shutdown step waits until the data folder is released
        try (AutoCloseable onCtrlC = doorstep.onShutdown("close the window", closed::stopAndWait);
             Workspace workspace = doorstep.open(dataDir, demo ? "doorstep --demo" : "doorstep")) {
            return OptionalInt.of(runWindow(workspace, demo, text, closed));
        } catch (UserException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(1);
        } catch (Exception e) {
            LoggerFactory.getLogger(DesktopApp.class).error("window start failed", e);
            throw new UserException(text.get("error.start", e.getMessage()));
        } finally {
            closed.finished();
            Platform.exit();
        }
    }

    private int runWindow(Workspace workspace, boolean demo, Messages text, StopSignal closed) throws Exception {
        ExecutorService pool = UiExecutors.backgroundPool();
        UiExecutors executors = UiExecutors.forWindow(pool);
        Watch watch = workspace.watch();
        WindowFeatures features = new WindowFeatures(workspace, executors, Locale.getDefault());
        CameraListViewModel cameras = features.cameras();
        AtomicReference<MainWindow> shown = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        Platform.runLater(() -> {
            Theme.SYSTEM.apply();
            MainWindow window = new MainWindow(features);
            Stage stage = new Stage();
            stage.setOnHidden(e -> closed.stop());
            window.show(stage);
            shown.set(window);
            ready.countDown();
        });
        ready.await();
        try (AutoCloseable listening = watch.listen(new RecordingListener() {
                 @Override
                 public void onStatus(CameraStatus status) {
                     cameras.statusChanged(status);
                     features.live().statusChanged(status);
                 }
             });
             AutoCloseable rings = watch.onRing(features.live()::rang)) {
            DemoDoorbell.Running doorbell = null;
            try {
                if (demo) {
                    doorbell = workspace.demo().start((done, total) -> cameras.note(
                            text.get("status.preparingDemo", total == 0 ? 100 : done * 100 / total)));
                    cameras.reload();
                    features.live().reload();
                }
                watch.start(List.of());
                closed.await();
                watch.close();
            } finally {
                if (doorbell != null) {
                    doorbell.close();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }
}
