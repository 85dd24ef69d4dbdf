package org.doorstep.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.doorstep.common.Messages;
import org.doorstep.common.StopSignal;
import org.doorstep.common.UserException;
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
        return launch(dataDir, demo, false);
    }

    /**
     * As {@link #launch(Path, boolean)}; {@code hidden} (start at login) records in the tray and builds the window
     * only when the tray, a notification or a second start asks for it. Where there is no tray (headless, a desktop
     * without one) the window shows anyway: recording must never run where nobody can reach it.
     */
    public OptionalInt launch(Path dataDir, boolean demo, boolean hidden) {
        // JavaFX warns on stderr that it runs from the class path; that is how Doorstep ships, so say nothing
        java.util.logging.Logger.getLogger("javafx").setLevel(java.util.logging.Level.SEVERE);
        org.doorstep.ui.tray.SystemTrayIcon.prepare(); // AWT before GTK, for the tray (see there)
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
            return OptionalInt.of(runWindow(workspace, demo, hidden, text, closed));
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

    /** One open window: its features, stage and the handle that lets it follow the recorder. */
    private record OpenWindow(WindowFeatures features, MainWindow window, Stage stage, AutoCloseable following,
                              AtomicBoolean replaced) {
        /** Closes this window without ending the session (the window is being rebuilt, e.g. in another language). */
        void replace() {
            replaced.set(true);
            stage.hide();
            try {
                following.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(DesktopApp.class).debug("window follow handle: {}", e.getMessage());
            }
        }
    }

    /** Whether the window shows at start: always, unless a hidden start found a tray to live in. */
    static boolean windowAtStart(boolean hidden, boolean inTray) {
        return !hidden || !inTray;
    }

    private int runWindow(Workspace workspace, boolean demo, boolean hidden, Messages text, StopSignal closed)
            throws Exception {
        ExecutorService pool = UiExecutors.backgroundPool();
        UiExecutors executors = UiExecutors.forWindow(pool);
        Watch watch = workspace.watch();
        Locale system = Locale.getDefault();
        Theme theme = Theme.parse(workspace.appSettings().current().theme());
        // "Try the demo doorbell" on the welcome page: started like --demo, stopped when the window closes
        AtomicReference<DemoDoorbell.Running> tried = new AtomicReference<>();
        AtomicReference<OpenWindow> current = new AtomicReference<>();
        AtomicReference<org.doorstep.ui.tray.TrayController> tray = new AtomicReference<>();
        WindowOpener opener = new WindowOpener(workspace, executors, watch, system, tried, closed, current, tray);
        CountDownLatch ready = new CountDownLatch(1);
        // on the JavaFX thread: the window to the front, built first when a hidden start has none yet
        Runnable showWindow = () -> {
            OpenWindow window = current.get();
            if (window == null) {
                current.set(opener.open(workspace.appSettings().current().language()));
            } else {
                front(window);
            }
        };
        Platform.runLater(() -> {
            theme.apply();
            // the tray speaks the window's language, also when no window is built yet
            Locale.setDefault(WindowOpener.locale(workspace.appSettings().current().language(), system));
            try {
                // with a tray icon, closing the window leaves Doorstep recording in the tray; "Quit" there ends it
                org.doorstep.ui.tray.TrayController.start(watch, workspace.notifications(), Locale.getDefault(),
                        trayActions(current, showWindow, closed)).ifPresent(t -> {
                            tray.set(t);
                            Platform.setImplicitExit(false);
                        });
                if (windowAtStart(hidden, tray.get() != null)) {
                    showWindow.run();
                } else {
                    tray.get().windowClosed(); // says once that Doorstep records in the tray
                }
            } finally {
                ready.countDown();
            }
        });
        ready.await();
        // a second start of Doorstep, or a command typed while the window records, is answered by this process
        try (AutoCloseable serving = doorstep.serve(workspace, () -> Platform.runLater(showWindow))) {
            DemoDoorbell.Running doorbell = null;
            try {
                if (demo) {
                    doorbell = workspace.demo().start((done, total) -> Platform.runLater(() -> {
                        OpenWindow window = current.get();
                        if (window != null) { // a hidden start has no window to tell
                            window.features().cameras().note(
                                    text.get("status.preparingDemo", total == 0 ? 100 : done * 100 / total));
                        }
                    }));
                    Platform.runLater(() -> {
                        OpenWindow window = current.get();
                        if (window != null) {
                            window.features().cameras().reload();
                            window.features().live().reload();
                        }
                    });
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
            OpenWindow last = current.get();
            if (last != null) {
                last.following().close();
            }
            org.doorstep.ui.tray.TrayController inTray = tray.getAndSet(null);
            if (inTray != null) {
                inTray.close();
            }
            DemoDoorbell.Running running = tried.getAndSet(null);
            if (running != null) {
                running.close();
            }
            pool.shutdownNow();
        }
        return 0;
    }

    /** The tray's menu: bring the window back (optionally showing one camera live), or quit cleanly. */
    private static org.doorstep.ui.tray.SystemTrayIcon.Actions trayActions(AtomicReference<OpenWindow> current,
                                                                          Runnable showWindow, StopSignal closed) {
        return new org.doorstep.ui.tray.SystemTrayIcon.Actions() {
            @Override
            public void open() {
                Platform.runLater(showWindow);
            }

            @Override
            public void openCamera(String camera) {
                Platform.runLater(() -> {
                    showWindow.run();
                    OpenWindow window = current.get();
                    window.window().backToLive(); // from the player too: the notification is about now
                    window.features().live().tiles().stream().filter(t -> t.name().equals(camera)).findFirst()
                            .ifPresent(t -> window.features().live().showSingle(t));
                });
            }

            @Override
            public void quit() {
                closed.stop(); // the same clean end as closing the window without a tray: segments closed, folder freed
            }
        };
    }

    private static void front(OpenWindow window) {
        if (window != null) {
            window.stage().setIconified(false);
            window.stage().show();
            window.stage().toFront();
        }
    }

    /**
     * Builds and shows the window in a language; a language change in the settings builds it again in the new one
     * (JavaFX controls cannot swap their text), while recording goes on untouched.
     */
    private record WindowOpener(Workspace workspace, UiExecutors executors, Watch watch, Locale system,
                                AtomicReference<DemoDoorbell.Running> tried, StopSignal closed,
                                AtomicReference<OpenWindow> current,
                                AtomicReference<org.doorstep.ui.tray.TrayController> tray) {
        /** The window's language: the settings' tag, or the computer's own. */
        static Locale locale(String language, Locale system) {
            return language == null || language.isBlank() ? system : Locale.forLanguageTag(language);
        }

        /** On the JavaFX thread; {@code language} is a tag, or null/empty for the computer's own. */
        OpenWindow open(String language) {
            Locale locale = locale(language, system);
            // sentences made below the window (use cases) follow the window's language too
            Locale.setDefault(locale);
            WindowFeatures features = new WindowFeatures(workspace, executors, locale);
            features.useDemo(progress -> {
                DemoDoorbell.Running running = workspace.demo().start(progress);
                DemoDoorbell.Running earlier = tried.getAndSet(running);
                if (earlier != null) {
                    earlier.close();
                }
                current.get().features().cameras().reload();
                watch.startCamera(DemoDoorbell.CAMERA_NAME);
            });
            features.onLanguageChanged(tag -> Platform.runLater(() -> {
                OpenWindow old = current.get();
                old.replace(); // its place is remembered as it hides, and the new one opens there
                current.set(open(tag));
            }));
            MainWindow window = new MainWindow(features);
            Stage stage = new Stage();
            OpenWindow opened = new OpenWindow(features, window, stage, features.follow(watch), new AtomicBoolean());
            stage.setOnHidden(e -> {
                if (opened.replaced().get()) {
                    return;
                }
                org.doorstep.ui.tray.TrayController inTray = tray.get();
                if (inTray != null) {
                    inTray.windowClosed(); // recording goes on; the tray brings the window back
                } else {
                    closed.stop();
                }
            });
            window.show(stage, WindowPlacement.forUser());
            return opened;
        }
    }
}
