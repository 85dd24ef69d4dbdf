package org.doorstep.ui.tray;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.doorstep.common.Messages;
import org.doorstep.common.Threads;
import org.doorstep.record.CameraStatus;
import org.doorstep.usecase.desktop.NotificationRouter;
import org.doorstep.usecase.desktop.NotificationSettings;
import org.doorstep.usecase.watch.Watch;

/**
 * The tray while the desktop app runs: follows the recorder into the {@link TrayMenuModel} and the
 * {@link NotificationRouter}, and draws both with the {@link SystemTrayIcon}. Lost cameras are checked every 10 s.
 */
public final class TrayController implements AutoCloseable {
    private final SystemTrayIcon icon;
    private final Messages text;
    private final AutoCloseable statuses;
    private final AutoCloseable rings;
    private final ScheduledExecutorService ticker;
    private boolean toldStillRecording;

    private TrayController(SystemTrayIcon icon, Messages text, AutoCloseable statuses, AutoCloseable rings,
                           ScheduledExecutorService ticker) {
        this.icon = icon;
        this.text = text;
        this.statuses = statuses;
        this.rings = rings;
        this.ticker = ticker;
    }

    /** Puts Doorstep into the tray; empty where this desktop has no tray (then closing the window quits). */
    public static Optional<TrayController> start(Watch watch, NotificationSettings settings, Locale locale,
                                                 SystemTrayIcon.Actions actions) {
        Messages text = Messages.of("desktop", locale);
        Clock clock = Clock.systemUTC();
        TrayMenuModel model = new TrayMenuModel(text);
        NotificationRouter router = new NotificationRouter(settings::quietHours, ZoneId.systemDefault(), text);
        Map<Long, String> names = new ConcurrentHashMap<>();
        for (CameraStatus s : watch.status()) {
            model.statusChanged(s);
            router.status(s, clock.instant());
            names.put(s.cameraId(), s.cameraName());
        }
        Optional<SystemTrayIcon> installed = SystemTrayIcon.install(model.state(), actions);
        if (installed.isEmpty()) {
            return Optional.empty();
        }
        SystemTrayIcon icon = installed.get();
        AutoCloseable statuses = watch.listen(s -> {
            names.put(s.cameraId(), s.cameraName());
            icon.show(model.statusChanged(s));
            router.status(s, clock.instant());
        });
        AutoCloseable rings = watch.onRing(id -> router.ring(id, names.getOrDefault(id, "?"), clock.instant())
                .ifPresent(icon::notify));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Threads.named("doorstep-tray"));
        ticker.scheduleWithFixedDelay(() -> {
            try {
                router.due(clock.instant()).forEach(icon::notify);
            } catch (RuntimeException e) { // an escaped error would cancel the schedule without a word
                org.slf4j.LoggerFactory.getLogger(TrayController.class).warn("tray check failed: {}", e.toString());
            }
        }, 10, 10, TimeUnit.SECONDS);
        return Optional.of(new TrayController(icon, text, statuses, rings, ticker));
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
