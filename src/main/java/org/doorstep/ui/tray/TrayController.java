package org.doorstep.ui.tray;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.doorstep.common.Messages;
import org.doorstep.common.Threads;
import org.doorstep.record.CameraStatus;
import org.doorstep.record.RecordingListener;
import org.doorstep.usecase.desktop.Notification;
import org.doorstep.usecase.desktop.NotificationRouter;
import org.doorstep.usecase.desktop.NotificationSettings;
import org.doorstep.usecase.watch.Watch;

/**
 * The tray while the desktop app runs: follows the recorder into the {@link TrayMenuModel} and the
 * {@link NotificationRouter}, and draws both with the {@link SystemTrayIcon}. Lost cameras are checked every 10 s.
 */
public final class TrayController implements AutoCloseable {
    private final Surface icon;
    private final Messages text;
    private final AutoCloseable statuses;
    private final AutoCloseable rings;
    private final NotificationRouter router;
    private final Clock clock;
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Threads.named("doorstep-tray"));
    private boolean toldStillRecording;

    private TrayController(Surface icon, Messages text, AutoCloseable statuses, AutoCloseable rings,
                           NotificationRouter router, Clock clock) {
        this.icon = icon;
        this.text = text;
        this.statuses = statuses;
        this.rings = rings;
        this.router = router;
        this.clock = clock;
    }

    /** What the tray draws on: the AWT icon, or a fake in tests. */
    interface Surface extends AutoCloseable {
        void show(TrayMenuModel.State state);

        void notify(Notification notification);

        void message(String title, String body);

        @Override
        void close();
    }

    /** The recorder's news the tray follows: statuses now, status changes, rings by camera id. */
    record Feeds(Supplier<List<CameraStatus>> statuses, Function<RecordingListener, AutoCloseable> listen,
                 Function<LongConsumer, AutoCloseable> rings) {}

    /** Puts Doorstep into the tray; empty where this desktop has no tray (then closing the window quits). */
    public static Optional<TrayController> start(Watch watch, NotificationSettings settings, Locale locale,
                                                 SystemTrayIcon.Actions actions) {
        return start(new Feeds(watch::status, watch::listen, watch::onRing), settings, locale,
                Clock.systemDefaultZone(), state -> SystemTrayIcon.install(state, actions).map(TrayController::surface), true);
    }

    static Optional<TrayController> start(Feeds feeds, NotificationSettings settings, Locale locale, Clock clock,
                                          Function<TrayMenuModel.State, Optional<Surface>> install, boolean tick) {
        Messages text = Messages.of("desktop", locale);
        TrayMenuModel model = new TrayMenuModel(text);
        // quiet hours are meant in the clock's zone: the computer's own in the app
        NotificationRouter router = new NotificationRouter(settings::quietHours, settings::rings,
                settings::cameraLost, clock.getZone(), text);
        Map<Long, String> names = new ConcurrentHashMap<>();
        for (CameraStatus s : feeds.statuses().get()) {
            model.statusChanged(s);
            router.status(s, clock.instant());
            names.put(s.cameraId(), s.cameraName());
        }
        Optional<Surface> installed = install.apply(model.state());
        if (installed.isEmpty()) {
            return Optional.empty();
        }
        Surface icon = installed.get();
        AutoCloseable statuses = feeds.listen().apply(s -> {
            names.put(s.cameraId(), s.cameraName());
            icon.show(model.statusChanged(s));
            router.status(s, clock.instant());
        });
        AutoCloseable rings = feeds.rings().apply(id -> router.ring(id, names.getOrDefault(id, "?"), clock.instant())
                .ifPresent(icon::notify));
        TrayController controller = new TrayController(icon, text, statuses, rings, router, clock);
        if (tick) {
            controller.ticker.scheduleWithFixedDelay(controller::checkLost, 10, 10, TimeUnit.SECONDS);
        }
        return Optional.of(controller);
    }

    /** Tells about cameras lost for over a minute; every 10 s. */
    void checkLost() {
        try {
            router.due(clock.instant()).forEach(icon::notify);
        } catch (RuntimeException e) { // an escaped error would cancel the schedule without a word
            org.slf4j.LoggerFactory.getLogger(TrayController.class).warn("tray check failed: {}", e.toString());
        }
    }

    private static Surface surface(SystemTrayIcon tray) {
        return new Surface() {
            @Override
            public void show(TrayMenuModel.State state) {
                tray.show(state);
            }

            @Override
            public void notify(Notification notification) {
                tray.notify(notification);
            }

            @Override
            public void message(String title, String body) {
                tray.message(title, body);
            }

            @Override
            public void close() {
                tray.close();
            }
        };
    }

    /** The window was closed while recording goes on: say so once, so nobody thinks Doorstep has quit. */
    public synchronized void windowClosed() {
        if (!toldStillRecording) {
            toldStillRecording = true;
            icon.message(text.get("tray.stillRecording"), text.get("tray.stillRecording.body"));
        }
    }

    @Override
    public void close() throws Exception {
        ticker.shutdownNow();
        try (statuses; rings; icon) {
            // all closed
        }
    }
}
