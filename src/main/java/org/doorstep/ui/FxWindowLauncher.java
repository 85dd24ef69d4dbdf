package org.doorstep.ui;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.doorstep.App;
import org.doorstep.DemoSetup;
import org.doorstep.Services;
import org.doorstep.cli.DoorstepCommand;
import org.doorstep.cli.HeadlessDemo;
import org.doorstep.common.UserException;
import org.doorstep.common.Messages;
import org.doorstep.record.CameraStatus;
import org.doorstep.record.RecordingListener;
import org.doorstep.sim.DemoCamera;
import org.doorstep.store.Camera;
import org.doorstep.store.TimelineQuery;

/**
 * Starts JavaFX without an Application subclass, so the window gets its services through the
 * constructor like everything else instead of through static fields. While the window is open every
 * enabled camera is recorded and analysed; with {@code --demo} the demo doorbell is one of them.
 */
public final class FxWindowLauncher implements WindowLauncher {

    /**
     * Rows for every camera, read from the index, plus the segment being written right now (it is indexed
     * only when it closes) so the bar grows while one watches.
     */
    static TimelineLoader timelineLoader(App app, Map<Long, CameraStatus> live) {
        TimelineQuery query = new TimelineQuery(app.database());
        return (from, to) -> {
            List<TimelineView.Row> rows = new ArrayList<>();
            for (Camera camera : app.cameras().all()) {
                TimelineQuery.Window w = query.load(camera.id(), from, to);
                CameraStatus status = live.get(camera.id());
                if (status != null && status.state() == CameraStatus.State.RECORDING) {
                    List<TimelineQuery.Span> spans = new ArrayList<>(w.recorded());
                    Instant since = spans.isEmpty() || spans.get(spans.size() - 1).end().isBefore(status.since())
                            ? status.since() : spans.remove(spans.size() - 1).start();
                    spans.add(new TimelineQuery.Span(since, Instant.now()));
                    w = new TimelineQuery.Window(spans, w.gaps(), w.events());
                }
                rows.add(new TimelineView.Row(camera.name(), w));
            }
            return rows;
        };
    }

    @Override
    public int launch(DoorstepCommand root, boolean demo) {
        Messages text = Messages.of("ui");
        boolean fxStarted;
        // JavaFX warns on stderr that it runs from the class path; that is how Doorstep ships, so say nothing
        java.util.logging.Logger.getLogger("javafx").setLevel(java.util.logging.Level.SEVERE);
        try {
            Platform.startup(() -> { });
            fxStarted = true;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            fxStarted = false;
        }
        try (App app = root.openApp(demo ? "doorstep --demo" : "doorstep")) {
            if (!fxStarted) {
                if (!demo) {
                    throw new UserException(text.get("error.noDisplay"));
                }
                return runHeadless(app, root);
            }
            return runWindow(app, demo, text);
        } catch (UserException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(FxWindowLauncher.class).error("window start failed", e);
            throw new UserException(text.get("error.start", e.getMessage()));
        } finally {
            if (fxStarted) {
                Platform.exit();
            }
        }
    }

    private int runWindow(App app, boolean demo, Messages text) throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        Map<Long, CameraStatus> live = new ConcurrentHashMap<>();
        AtomicReference<MainWindow> shown = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        Platform.runLater(() -> {
            MainWindow window = new MainWindow(text, timelineLoader(app, live));
            Stage stage = new Stage();
            stage.setOnHidden(e -> closed.countDown());
            window.show(stage);
            shown.set(window);
            ready.countDown();
        });
        ready.await();
        MainWindow window = shown.get();
        DemoCamera doorbell = null;
        try {
            if (demo) {
                doorbell = DemoSetup.startDoorbell(app, (done, total) -> Platform.runLater(() ->
                        window.setStatus(text.get("status.preparingDemo", total == 0 ? 100 : done * 100 / total))));
                DemoSetup.registerCamera(app, doorbell);
            }
            List<Camera> cameras = app.cameras().all();
            Platform.runLater(() -> window.showCameras(cameras));
            Services services = Services.create(app, new RecordingListener() {
                @Override
                public void onStatus(CameraStatus status) {
                    live.put(status.cameraId(), status);
                    Platform.runLater(() -> window.setStatus(status.message()));
                }
            });
            services.start(List.of());
            // Ctrl+C in the terminal that started the window: close segments and events cleanly, as closing
            // the window does
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                closed.countDown();
                try {
                    finished.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "doorstep-window-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                closed.await();
                services.close();
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is what ended the wait
                }
            }
        } finally {
            if (doorbell != null) {
                doorbell.close();
            }
        }
        return 0;
    }

    private static int runHeadless(App app, DoorstepCommand root) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "doorstep-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            new HeadlessDemo(app, new PrintWriter(System.out, true)).run(stop);
        } finally {
            finished.countDown();
        }
        return 0;
    }
}
