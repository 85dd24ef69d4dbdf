package org.doorstep.ui;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.doorstep.common.Messages;
import org.doorstep.ui.cameras.CameraListViewModel;
import org.doorstep.ui.settings.StorageMoveViewModel;
import org.doorstep.ui.settings.StorageNotice;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.ui.settings.AppSettingsViewModel;
import org.doorstep.ui.settings.CameraSettingsViewModel;
import org.doorstep.ui.events.EventListViewModel;
import org.doorstep.ui.export.ExportViewModel;
import org.doorstep.ui.export.SystemPlayer;
import org.doorstep.ui.live.LiveViewModel;
import org.doorstep.ui.playback.PlayerViewModel;
import org.doorstep.ui.timeline.TimelineViewModel;
import org.doorstep.store.Camera;
import org.doorstep.ui.welcome.WelcomeViewModel;
import org.doorstep.ui.wizard.WizardViewModel;
import org.doorstep.usecase.Workspace;

/**
 * Every feature's ViewModel for one window, built once from the workspace's use cases. The desktop app, the window
 * tests and the screenshot session all build the window through this, so they show the same thing.
 */
public final class WindowFeatures {
    private final Workspace workspace;
    private final UiExecutors executors;
    private final Locale locale;
    private final Messages text;
    private final CameraListViewModel cameras;
    private final TimelineViewModel timeline;
    private final EventListViewModel events;
    private WelcomeViewModel.DemoStarter demo;
    private java.util.function.Consumer<String> languageChanged = language -> { };
    private final LiveViewModel live;
    private final PlayerViewModel player;
    private final org.doorstep.ui.keep.KeptListViewModel kept;
    private final org.doorstep.ui.stop.StopRecordingViewModel stopRecording;
    private org.doorstep.ui.help.HelpMenuModel help;
    private final org.doorstep.ui.lock.LockViewModel lock;

    public WindowFeatures(Workspace workspace, UiExecutors executors, Locale locale) {
        this.workspace = workspace;
        this.executors = executors;
        this.locale = locale;
        this.text = Messages.of("ui", locale);
        this.cameras = new CameraListViewModel(workspace.catalog(), executors, text);
        this.timeline = new TimelineViewModel(workspace.timeline(), executors, Messages.of("timeline", locale),
                eventId -> workspace.events().thumbnail(eventId), Clock.systemUTC(), ZoneId.systemDefault());
        this.events = new EventListViewModel(workspace.events(), executors, Messages.of("events", locale),
                ZoneId.systemDefault(), Clock.systemUTC());
        this.live = new LiveViewModel(workspace.live(), workspace.catalog(), executors, Messages.of("live", locale));
        this.player = new PlayerViewModel(workspace.player(), executors, Messages.of("player", locale),
                java.time.ZoneId.systemDefault());
        this.lock = new org.doorstep.ui.lock.LockViewModel(workspace.lock(), executors, Messages.of("lock", locale));
        this.kept = new org.doorstep.ui.keep.KeptListViewModel(workspace.keep(), executors, keepText(),
                ZoneId.systemDefault());
        timeline.showKept(workspace.keep()::overlapping);
        this.stopRecording = new org.doorstep.ui.stop.StopRecordingViewModel(workspace.recordingStops(), executors,
                Messages.of("stop", locale));
        this.demo = progress -> {
            throw new org.doorstep.common.UserException(Messages.of("welcome", locale).get("demo.unavailable"));
        };
    }

    /** How "Try the demo doorbell" starts it: the desktop app hands in its own (it stops the doorbell on close). */
    public void useDemo(WelcomeViewModel.DemoStarter starter) {
        this.demo = starter;
    }

    /** The first-run page's ViewModel; the demo starter is looked up when the button is pressed. */
    public WelcomeViewModel welcome() {
        return new WelcomeViewModel(workspace.owner(), progress -> demo.start(progress), executors, locale,
                Camera.DEFAULT_RETENTION, workspace.folder());
    }

    public Messages text() {
        return text;
    }

    public Locale locale() {
        return locale;
    }

    public UiExecutors executors() {
        return executors;
    }

    public CameraListViewModel cameras() {
        return cameras;
    }

    public TimelineViewModel timeline() {
        return timeline;
    }

    /** A fresh camera wizard for each time it opens; recording starts for the new camera when it is saved. */
    public Supplier<WizardViewModel> addCamera() {
        return () -> new WizardViewModel(workspace.setup(), workspace.watch(), executors, locale);
    }

    /** A fresh camera settings model each time a camera's settings open. */
    public Supplier<CameraSettingsViewModel> cameraSettings() {
        return () -> new CameraSettingsViewModel(workspace.catalog(), workspace.watch(), workspace.stills(),
                executors, Messages.of("settings", locale));
    }

    /** The app-wide settings (theme applies at once). */
    public Supplier<AppSettingsViewModel> appSettings() {
        return () -> {
            AppSettingsViewModel model = new AppSettingsViewModel(workspace.appSettings(), executors,
                    Messages.of("settings", locale));
            model.onLanguageChanged(language -> languageChanged.accept(language));
            model.moveWith(new StorageMoveViewModel(workspace.storage(), executors, Messages.of("storage", locale)));
            return model;
        };
    }

    /** A fresh "Notifications" section of the settings (rings, lost cameras, quiet hours per camera). */
    public org.doorstep.ui.notify.NotificationsViewModel notifications() {
        return new org.doorstep.ui.notify.NotificationsViewModel(workspace.notifications(),
                () -> workspace.catalog().all().stream()
                        .map(c -> new org.doorstep.ui.notify.NotificationsViewModel.CameraRef(c.id(), c.name()))
                        .toList(),
                executors, Messages.of("desktop", locale));
    }

    /** A fresh Help → "Uninstall Doorstep…" (erase my recordings, start at login off, how to remove it here). */
    public org.doorstep.ui.help.UninstallViewModel uninstall() {
        return new org.doorstep.ui.help.UninstallViewModel(
                org.doorstep.usecase.desktop.Uninstall.forThisComputer(workspace.erase(), workspace.appSettings()),
                workspace.folder(), executors, Messages.of("desktop", locale), Messages.of("erase", locale));
    }

    /** The tool bar's storage line (drive missing, disk full, retention that cannot be kept). */
    /**
     * The sentence saying that the key store holding the key-encryption key is away (older footage waits for it, new
     * footage is recorded under a stand-in key), in the window's language; empty when all is well.
     */
    public java.util.Optional<String> keyStoreWarning() {
        return java.util.Optional.ofNullable(workspace.keyStore().report(locale).warning());
    }

    public StorageNotice storageNotice() {
        return new StorageNotice(workspace.storage(), executors, Messages.of("storage", locale));
    }

    /** What a language change in the settings does: the desktop app reopens the window in it. */
    public void onLanguageChanged(java.util.function.Consumer<String> listener) {
        this.languageChanged = listener;
    }

    public EventListViewModel events() {
        return events;
    }

    public Messages exportText() {
        return Messages.of("export", locale);
    }

    /** A fresh export for each time the dialog opens; the finished file opens in the system's video player. */
    public ExportViewModel export() {
        Messages exportText = exportText();
        return new ExportViewModel(workspace.player(), workspace.presetExports(), executors, exportText,
                new SystemPlayer(exportText), ExportViewModel.defaultFolder(workspace.folder()), ZoneId.systemDefault());
    }

    /**
     * Lets the window follow what the recorder does: each camera's state in the list and on its live tile, rings
     * flashing their tile. Until the returned handle is closed.
     */
    public AutoCloseable follow(org.doorstep.usecase.watch.Watch watch) {
        AutoCloseable states = watch.listen(new org.doorstep.record.RecordingListener() {
            @Override
            public void onStatus(org.doorstep.record.CameraStatus status) {
                cameras.statusChanged(status);
                live.statusChanged(status);
            }
        });
        AutoCloseable rings = watch.onRing(live::rang);
        return () -> {
            try (states; rings) {
                // both closed
            }
        };
    }

    /**
     * The help menu's "Open log folder" and "Copy diagnostics"; the logs are where the command line put them
     * (the OS's log folder for the default data folder).
     */
    public org.doorstep.ui.help.HelpMenuModel help() {
        if (help == null) {
            java.nio.file.Path logs = java.nio.file.Path.of(System.getProperty("doorstep.logs",
                    workspace.folder().resolve("logs").toString()));
            org.doorstep.usecase.desktop.Diagnostics diagnostics = new org.doorstep.usecase.desktop.Diagnostics(
                    () -> new org.doorstep.usecase.doctor.MachineCheck().report(step -> { }),
                    () -> workspace.watch().status(), logs, WindowFeatures.class.getPackage().getImplementationVersion());
            help = new org.doorstep.ui.help.HelpMenuModel(diagnostics, org.doorstep.ui.help.HelpMenu::openFolder,
                    executors, Messages.of("desktop", locale));
        }
        return help;
    }

    /** The player of recordings (1–16 cameras under one playhead). */
    public PlayerViewModel player() {
        return player;
    }

    /** The live grid and single view. */
    public LiveViewModel live() {
        return live;
    }

    /** A fresh "Privacy paperwork" window model; documents open in the system's PDF viewer. */
    public org.doorstep.ui.paperwork.PaperworkViewModel paperwork() {
        return new org.doorstep.ui.paperwork.PaperworkViewModel(workspace.paperwork(), workspace.owner(), executors,
                Messages.of("paperwork", locale), new org.doorstep.ui.paperwork.SystemPdfViewer());
    }

    /**
     * Brings the copies of the sign and the record in the data folder's {@code paperwork/} up to date after settings
     * changed (in the background; only once they were made, and anew only when what they show changed).
     */
    public void settingsChanged() {
        executors.background().execute(() -> {
            try {
                workspace.paperwork().refreshIfKept();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(WindowFeatures.class).warn("paperwork not updated: {}",
                        e.getMessage());
            }
        });
    }

    /** The lock screen, "Lock now" and the idle time: one per window. */
    public org.doorstep.ui.lock.LockViewModel lock() {
        return lock;
    }

    /** A fresh lock settings model each time they open; the lock screen follows what they change. */
    public org.doorstep.ui.lock.LockSettingsViewModel lockSettings() {
        return new org.doorstep.ui.lock.LockSettingsViewModel(workspace.lock(), executors, Messages.of("lock", locale),
                lock::reload);
    }

    /** A fresh audit log view each time it opens. */
    public org.doorstep.ui.audit.AuditViewModel audit() {
        return new org.doorstep.ui.audit.AuditViewModel(workspace.audit(), executors, Messages.of("audit", locale),
                ZoneId.systemDefault(), Clock.systemUTC());
    }

    /** "Stop recording now" for one camera or all, and resuming it. */
    public org.doorstep.ui.stop.StopRecordingViewModel stopRecording() {
        return stopRecording;
    }

    public Messages keepText() {
        return Messages.of("keep", locale);
    }

    /** The kept clips (the events area's "Kept" filter) and the notice of due reviews. */
    public org.doorstep.ui.keep.KeptListViewModel kept() {
        return kept;
    }

    /** A fresh "Keep" for [from, to) of one camera (a timeline selection, the player). */
    public org.doorstep.ui.keep.KeepViewModel keep(String camera, java.time.Instant from, java.time.Instant to) {
        return org.doorstep.ui.keep.KeepViewModel.range(workspace.keep(), executors, keepText(), ZoneId.systemDefault(),
                Clock.systemUTC(), camera, from, to);
    }

    /** A fresh "Keep" for one event's clip. */
    public org.doorstep.ui.keep.KeepViewModel keepEvent(long eventId, String camera, java.time.Instant from,
                                                        java.time.Instant to) {
        return org.doorstep.ui.keep.KeepViewModel.event(workspace.keep(), executors, keepText(), ZoneId.systemDefault(),
                Clock.systemUTC(), eventId, camera, from, to);
    }

    /** "Remove camera…": keep its recordings (switched off) or erase them and remove it. */
    public org.doorstep.ui.erase.RemoveCameraViewModel removeCamera(String camera) {
        return new org.doorstep.ui.erase.RemoveCameraViewModel(workspace.catalog(), workspace.watch(), executors,
                Messages.of("remove_camera", locale), camera);
    }

    /** A fresh erase confirmation for {@code scope}. */
    public org.doorstep.ui.erase.EraseViewModel erase(org.doorstep.usecase.erase.EraseScope scope) {
        return new org.doorstep.ui.erase.EraseViewModel(workspace.erase(), scope, executors,
                Messages.of("erase_ui", locale));
    }
}
