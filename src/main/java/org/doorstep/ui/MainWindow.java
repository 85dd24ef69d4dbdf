package org.doorstep.ui;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.doorstep.common.Messages;
import org.doorstep.common.Threads;
import org.doorstep.ui.cameras.CameraListView;
import org.doorstep.ui.cameras.CameraListViewModel;
import org.doorstep.ui.common.Icons;
import org.doorstep.ui.common.Theme;
import org.doorstep.ui.events.EventListView;
import org.doorstep.ui.events.EventListViewModel;
import org.doorstep.ui.export.ExportDialog;
import org.doorstep.ui.live.LiveScreen;
import org.doorstep.ui.live.LiveViewModel;
import org.doorstep.ui.playback.PlayerView;
import org.doorstep.ui.timeline.TimelineView;
import org.doorstep.ui.timeline.TimelineViewModel;
import org.doorstep.ui.welcome.WelcomeView;
import org.doorstep.ui.welcome.WelcomeViewModel;
import org.doorstep.ui.wizard.WizardDialog;
import org.doorstep.ui.wizard.WizardViewModel;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.doorstep.ui.settings.AppSettingsView;
import org.doorstep.ui.settings.AppSettingsViewModel;
import org.doorstep.ui.settings.CameraSettingsView;
import org.doorstep.ui.settings.CameraSettingsViewModel;

/**
 * The main window, the one place that puts the features side by side. Three areas stay put: cameras on the left,
 * the picture in the centre (live grid, one camera, or the player), events on the right; the timeline and the
 * transport controls below. Each feature comes with its ViewModel; this shell only wires them (feature packages
 * never know each other).
 */
public final class MainWindow {
    private final CameraListViewModel cameras;
    private final TimelineViewModel timelineModel;
    private final Supplier<WizardViewModel> addCamera;
    private final WindowFeatures features;
    /** The first-run page, in the picture area while there are no cameras; built when first needed. */
    private Node welcome;
    private final Supplier<CameraSettingsViewModel> cameraSettings;
    private final Supplier<AppSettingsViewModel> appSettings;
    private final Messages settingsText;
    private final EventListViewModel eventList;
    private final Messages text;
    private final TimelineView timeline;
    private final Label status = new Label();
    private final BorderPane root = new BorderPane();
    /** Centre: the live grid, one camera, or the player. */
    private final StackPane picture = new StackPane();
    /** Right: the events of the day. */
    private final StackPane events = new StackPane();
    /** Below the timeline: play, speed, step, live. */
    private final HBox transport = new HBox(6);
    private final HelpOverlay help;
    /** Under the timeline while a range is selected: export or erase it. */
    private final SelectionBar selection;
    private final LiveViewModel liveModel;
    private final LiveScreen live;
    private final PlayerView player;
    /** The kept clips (evidence holds): the events area's "Kept" filter and the notice of due reviews. */
    private final org.doorstep.ui.keep.KeptListViewModel keptModel;
    private final Label keptNotice = new Label();
    private ScheduledExecutorService refresher;
    /** The lock screen over everything while locked; the live view moves onto it where the owner allows. */
    private final org.doorstep.ui.lock.LockView lock;
    private Stage stage;

    public MainWindow(WindowFeatures features) {
        this.text = features.text();
        this.cameras = features.cameras();
        this.timelineModel = features.timeline();
        this.addCamera = features.addCamera();
        this.features = features;
        this.cameraSettings = features.cameraSettings();
        this.appSettings = features.appSettings();
        this.settingsText = Messages.of("settings", features.locale());
        this.eventList = features.events();
        eventList.onPlay(this::playFrom);
        eventList.onExport(this::export);
        eventList.onErase(id -> erase(org.doorstep.usecase.erase.EraseScope.event(id)));
        this.timeline = new TimelineView(timelineModel);
        this.help = new HelpOverlay(text);
        this.liveModel = features.live();
        this.live = new LiveScreen(liveModel, Messages.of("live", features.locale()));
        this.player = new PlayerView(features.player(), Messages.of("player", features.locale()));
        player.onLive(this::backToLive);
        this.selection = new SelectionBar(text, java.time.ZoneId.systemDefault(), this::cameraNames,
                (camera, from, to) -> export(camera, from, to),
                (camera, from, to) -> erase(camera == null ? org.doorstep.usecase.erase.EraseScope.range(from, to)
                        : org.doorstep.usecase.erase.EraseScope.cameraRange(camera, from, to)),
                timelineModel::clearSelection);
        this.keptModel = features.kept();
        Messages keepText = features.keepText();
        selection.offerKeep(keepText.get("keep.selection"), keepText.get("keep.selection.tip"),
                (camera, from, to) -> keep(features.keep(camera, from, to)));
        keptModel.onPlay(k -> playFrom(List.of(k.camera()), k.from()));
        keptModel.onChanged(timelineModel::refresh);
        // the timeline drives the player: a click plays every camera from there, dragging the playhead previews
        timelineModel.onPlay(at -> playFrom(cameraNames(), at));
        timelineModel.onScrub(this::scrubTo);
        timelineModel.selectionProperty().addListener((o, was, now) -> {
            if (now == null) {
                selection.hide();
            }
        });
        timelineModel.onSelection(selection::show);
        features.player().positionProperty().addListener((o, was, now) -> {
            if (now != null) {
                timelineModel.setPlayhead(now);
            }
        });
        // "Review new": when the player reaches the end of the event being reviewed, the next one plays
        features.player().positionProperty().addListener((o, was, now) -> {
            var reviewing = eventList.reviewingProperty().get();
            if (reviewing != null && now != null && !now.isBefore(reviewing.playTo())) {
                eventList.next();
            }
        });
        timelineModel.problemProperty().addListener((o, was, problem) -> {
            if (problem != null) {
                cameras.note(problem);
            }
        });
        this.lock = new org.doorstep.ui.lock.LockView(features.lock(), Messages.of("lock", features.locale()));
        features.lock().lockedProperty().addListener((o, was, now) -> onLocked(now));
        features.lock().keepAwakeWhile(features.player().playingProperty());
        root.setTop(toolBar());
        CameraListView cameraList = new CameraListView(cameras, text);
        cameraList.onCameraAction(settingsText.get("camera.open"), this::openCameraSettings);
        cameraList.onCameraAction(text.get("camera.erase"),
                name -> erase(org.doorstep.usecase.erase.EraseScope.camera(name, false)));
        cameraList.onCameraAction(Messages.of("remove_camera", features.locale()).get("remove.menu"),
                this::removeCamera);
        org.doorstep.ui.stop.StopRecordingViewModel stops = features.stopRecording();
        cameraList.onCameraAction(stops.text().get("stop.camera"), stops::stop);
        cameraList.onCameraAction(stops.text().get("stop.camera.resume"), stops::resume);
        stops.onChanged(cameras::reload);
        stops.problemProperty().addListener((o, was, problem) -> {
            if (problem != null) {
                cameras.note(problem);
            }
        });
        root.setLeft(cameraList.node());
        root.setCenter(centre());
        root.setBottom(bottom());
        cameras.items().addListener((javafx.collections.ListChangeListener<CameraListViewModel.Item>) c ->
                showWelcome(cameras.items().isEmpty()));
    }

    /** The welcome page while the data folder has no cameras; gone as soon as one is added. */
    private void showWelcome(boolean noCameras) {
        if (noCameras && welcome == null) {
            welcome = new WelcomeView(features.welcome(), Messages.of("welcome", features.locale()),
                    () -> openWizard(true), this::openAddByAddress).node();
            // opaque: the live view's own empty state lies underneath
            welcome.setStyle("-fx-background-color: -color-bg-default;");
            picture.getChildren().add(welcome);
        } else if (!noCameras && welcome != null) {
            picture.getChildren().remove(welcome);
            welcome = null;
        }
    }

    private ToolBar toolBar() {
        Button add = new Button(text.get("add.open"), Icons.of(Material2AL.ADD_A_PHOTO));
        add.setId("addCamera");
        add.setTooltip(new Tooltip(text.get("add.open")));
        add.setOnAction(e -> openAddCamera());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        status.setId("status");
        status.textProperty().bind(cameras.summaryProperty());
        Button settings = new Button(settingsText.get("app.open"), Icons.of(Material2MZ.SETTINGS));
        settings.setId("appSettings");
        settings.setOnAction(e -> openAppSettings());
        Button theme = new Button(null, Icons.of(Material2AL.BRIGHTNESS_6));
        theme.setId("themeToggle");
        theme.setTooltip(new Tooltip(text.get("theme.toggle")));
        theme.setAccessibleText(text.get("theme.toggle"));
        theme.setOnAction(e -> toggleTheme());
        keptNotice.setId("keptNotice");
        keptNotice.setGraphic(Icons.of(Material2AL.ALARM));
        keptNotice.setStyle("-fx-text-fill: -color-danger-fg; -fx-font-weight: bold; -fx-cursor: hand;");
        keptNotice.setTooltip(new Tooltip(features.keepText().get("keep.notice.tip")));
        keptNotice.textProperty().bind(keptModel.noticeProperty());
        keptNotice.visibleProperty().bind(keptModel.noticeProperty().isNotEmpty());
        keptNotice.managedProperty().bind(keptNotice.visibleProperty());
        keptNotice.setOnMouseClicked(e -> keptModel.shownProperty().set(true));
        // Help: shortcuts, the log folder and diagnostics for a bug report; what came of it shows as a note
        org.doorstep.ui.help.HelpMenuModel helpModel = features.help();
        helpModel.message.addListener((o, was, now) -> {
            if (now != null) {
                cameras.note(now);
            }
        });
        org.doorstep.ui.help.HelpMenu helpMenu = new org.doorstep.ui.help.HelpMenu(helpModel,
                Messages.of("desktop", features.locale()), help::toggle);
        helpMenu.onUninstall(this::openUninstall);
        Button paperwork = new Button(null, Icons.of(Material2MZ.PRIVACY_TIP));
        paperwork.setId("paperworkButton");
        String paperworkTitle = Messages.of("paperwork", features.locale()).get("ui.open");
        paperwork.setTooltip(new Tooltip(paperworkTitle));
        paperwork.setAccessibleText(paperworkTitle);
        paperwork.setOnAction(e -> openPaperwork());
        // privacy: the audit log and the lock's settings, one menu beside "Lock now"
        Messages lockText = Messages.of("lock", features.locale());
        javafx.scene.control.MenuItem auditItem = new javafx.scene.control.MenuItem(
                Messages.of("audit", features.locale()).get("ui.open"));
        auditItem.setId("auditLogItem");
        auditItem.setOnAction(e -> openAudit());
        javafx.scene.control.MenuItem lockItem = new javafx.scene.control.MenuItem(lockText.get("ui.settings.open"));
        lockItem.setId("lockSettingsItem");
        lockItem.setOnAction(e -> openLockSettings());
        javafx.scene.control.MenuButton audit = new javafx.scene.control.MenuButton(null,
                Icons.of(Material2AL.HISTORY), auditItem, lockItem);
        audit.setId("privacyMenu");
        audit.setTooltip(new Tooltip(lockText.get("ui.privacy")));
        audit.setAccessibleText(lockText.get("ui.privacy"));
        return new ToolBar(add, stopAllButton(), spacer, keyStoreNotice(), keptNotice, status,
                features.storageNotice().label(),
                lock.unlockedLabel(), lock.lockNowButton(), audit, settings,
                paperwork, theme, helpMenu.node()); // the help menu opens the shortcuts too (as F1 and ? do)
    }

    /** Shown only when the key store holding the key-encryption key is away: a short label, the sentence on hover. */
    private Label keyStoreNotice() {
        Label notice = new Label();
        notice.setId("keyStoreNotice");
        java.util.Optional<String> warning = features.keyStoreWarning();
        notice.setVisible(warning.isPresent());
        notice.setManaged(warning.isPresent());
        warning.ifPresent(sentence -> {
            notice.setText(Messages.of("keystore", features.locale()).get("notice.short"));
            notice.setGraphic(Icons.of(Material2AL.ERROR_OUTLINE));
            notice.setStyle("-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;");
            Tooltip tip = new Tooltip(sentence);
            tip.setWrapText(true);
            tip.setMaxWidth(520);
            notice.setTooltip(tip);
            notice.setAccessibleText(sentence);
        });
        return notice;
    }

    private Node centre() {
        picture.setId("picture");
        picture.setMinSize(320, 200);
        picture.getChildren().add(live.node());
        events.setId("events");
        events.setMinWidth(220);
        events.setPrefWidth(340);
        EventListView eventView = new EventListView(eventList);
        org.doorstep.ui.keep.KeptListView keptView = new org.doorstep.ui.keep.KeptListView(keptModel);
        eventView.addFilter(keptView.filterToggle());
        eventView.addEventAction(new EventListView.EventAction(features.keepText().get("keep.event"),
                Material2AL.BOOKMARK, e -> keep(features.keepEvent(e.id(), e.camera(), e.playFrom(), e.playTo()))));
        events.getChildren().addAll(eventView.node(), keptView.node());
        SplitPane split = new SplitPane(picture, events);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.74);
        SplitPane.setResizableWithParent(events, false);
        return split;
    }

    private Node bottom() {
        transport.setId("transport");
        transport.setPadding(new Insets(4, 8, 6, 8));
        VBox box = new VBox(timeline.node(), selection.node(), transport);
        box.setId("bottom");
        return box;
    }

    public TimelineView timeline() {
        return timeline;
    }

    /**
     * Plays {@code cameras} from {@code at} in the picture area, paused on that instant's frame, with the player's
     * controls under the timeline (the timeline and the event list call this).
     */
    public void play(List<String> cameras, Instant at) {
        live.node().setVisible(false); // a hidden live surface asks for no frames, so its decoding stops
        if (!picture.getChildren().contains(player.node())) {
            picture.getChildren().add(player.node());
        }
        player.node().setVisible(true);
        transport.getChildren().setAll(player.transport(), playerKeepButton());
        player.play(cameras, at);
    }

    /** The cameras in the list, at most 16 (what the player can show at once). */
    private List<String> cameraNames() {
        return cameras.items().stream().map(CameraListViewModel.Item::name).limit(16).toList();
    }

    /** Dragging the timeline's playhead: the player opens paused there, then follows each move. */
    private void scrubTo(Instant at) {
        if (player.node().isVisible() && picture.getChildren().contains(player.node())
                && features.player().openProperty().get()) {
            features.player().pause();
            features.player().seek(at);
        } else {
            play(cameraNames(), at);
        }
    }

    /** Plays {@code cameras} from {@code at} at once (an event's or the timeline's click). */
    public void playFrom(List<String> cameras, Instant at) {
        play(cameras, at);
        if (!features.player().playingProperty().get()) {
            features.player().togglePlay();
        }
    }

    /** The player (shown after {@link #play}). */
    public PlayerView player() {
        return player;
    }

    /** Closes the player and shows live video again. */
    public void backToLive() {
        player.stop();
        picture.getChildren().remove(player.node());
        transport.getChildren().clear();
        live.node().setVisible(true);
    }

    /** The live grid / single view in the picture area. */
    public LiveScreen live() {
        return live;
    }

    public void show(Stage stage) {
        show(stage, null);
    }

    /** Shows the window where {@code placement} remembers it (null: the default size, nothing remembered). */
    public void show(Stage stage, WindowPlacement placement) {
        this.stage = stage;
        StackPane layers = new StackPane(root, help.node(), lock.node());
        Scene scene = placement == null ? new Scene(layers, WindowPlacement.DEFAULT_WIDTH, WindowPlacement.DEFAULT_HEIGHT)
                : new Scene(layers, placement.width(), placement.height());
        scene.addEventHandler(KeyEvent.KEY_PRESSED, this::windowKeys);
        stage.setScene(scene);
        stage.sizeToScene(); // a stage used before (tests reuse one) keeps no size of its own
        stage.setFullScreenExitHint("");
        if (placement != null) {
            placement.restore(stage);
            placement.rememberOnClose(stage);
        }
        String title = text.get("window.title");
        // "Doorstep — 3 new (1 ring)": what happened while one was away, visible in the task bar too
        stage.titleProperty().bind(eventList.newSummaryProperty().map(n -> n.isEmpty() ? title : title + " — " + n));
        live.installShortcuts(scene);
        player.installShortcuts(scene);
        lock.install(scene);
        // a handler, not setOnHidden: the desktop app's own onHidden (which ends the session) must stay
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> {
            stopRefreshing();
            lock.stop();
            player.stop();
            live.close();
        });
        stage.show();
        cameras.reload();
        liveModel.reload();
        showWelcome(cameras.items().isEmpty());
        startRefreshing();
        features.settingsChanged(); // the command line may have changed cameras since the paperwork was made
        if (features.lock().lockedProperty().get()) {
            onLocked(true); // a window opened on a locked install
        }
    }

    /**
     * The lock engaged or opened: playback stops and dialogs close; live video moves onto the lock screen where the
     * owner lets it stay (else it stops), and comes back when unlocked.
     */
    private void onLocked(boolean locked) {
        if (locked) {
            backToLive();
            if (stage != null) {
                for (javafx.stage.Window w : List.copyOf(javafx.stage.Window.getWindows())) {
                    if (w != stage && w instanceof Stage s && s.getOwner() == stage) {
                        s.close();
                    }
                }
            }
            boolean liveStays = features.lock().liveAllowedProperty().get();
            if (liveStays) {
                picture.getChildren().remove(live.node());
                lock.showLive(live.node());
            } else {
                lock.showLive(null);
            }
            live.node().setVisible(liveStays); // hidden, the live view decodes nothing
        } else {
            lock.showLive(null);
            if (!picture.getChildren().contains(live.node())) {
                picture.getChildren().add(0, live.node());
            }
            live.node().setVisible(true);
        }
    }

    /** Opens the lock's settings (password, idle time, live while locked, audit retention). */
    public Stage openLockSettings() {
        return org.doorstep.ui.lock.LockSettingsView.open(features.lockSettings(),
                Messages.of("lock", features.locale()), stage);
    }

    /** Opens the audit log (who viewed, exported, erased, changed privacy settings, locked). */
    public Stage openAudit() {
        return org.doorstep.ui.audit.AuditView.open(features.audit(), Messages.of("audit", features.locale()), stage);
    }

    /** Keys that belong to the whole window; a text field keeps its own typing. */
    private void windowKeys(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl) {
            return;
        }
        if (e.getCode() == KeyCode.F1 || "?".equals(e.getText())) {
            help.toggle();
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE && help.showing()) {
            help.hide();
            e.consume();
        } else if (e.getCode() == KeyCode.F && !e.isShortcutDown()) {
            stage.setFullScreen(!stage.isFullScreen());
            e.consume();
        }
    }

    /** The opposite of the look in use, whoever chose it (the start, the settings, this button). */
    private void toggleTheme() {
        (Theme.darkInUse() ? Theme.LIGHT : Theme.DARK).apply();
    }

    public HelpOverlay help() {
        return help;
    }

    /** Opens the camera wizard at its search page; the list shows the new camera once it is saved. */
    public void openAddCamera() {
        openWizard(false);
    }

    /** Opens the camera wizard; {@code scanNow} searches every network at once ("Find my cameras"). */
    public void openWizard(boolean scanNow) {
        WizardViewModel model = addCamera.get();
        show(model);
        if (scanNow) {
            model.scan();
        }
    }

    /** Opens the camera wizard at "Add by address". */
    public void openAddByAddress() {
        WizardViewModel model = addCamera.get();
        model.byAddress();
        show(model);
    }

    private void show(WizardViewModel model) {
        WizardDialog dialog = new WizardDialog(model, Messages.of("wizard", features.locale()), stage);
        dialog.dialog().setOnHidden(e -> {
            cameras.reload();
            liveModel.reload();
            features.settingsChanged();
        });
        dialog.dialog().show();
    }

    /** Opens one camera's settings; the list shows changes (name, on/off) when they close. */
    public Stage openCameraSettings(String camera) {
        Stage settings = CameraSettingsView.open(cameraSettings.get(), settingsText, camera, stage);
        settings.setOnHidden(e -> {
            cameras.reload();
            liveModel.reload(); // a renamed, switched-off or hidden camera changes its tile
            features.settingsChanged(); // the sign and the record show the new retention, name, masks
        });
        return settings;
    }

    /** Opens "Privacy paperwork": the information sign and the record of processing, from the current settings. */
    public Stage openPaperwork() {
        return org.doorstep.ui.paperwork.PaperworkView.open(features.paperwork(), stage);
    }

    /** Help → "Uninstall Doorstep…"; the timeline and lists reload when it closes (it may have erased everything). */
    public org.doorstep.ui.help.UninstallDialog openUninstall() {
        org.doorstep.ui.help.UninstallDialog dialog = new org.doorstep.ui.help.UninstallDialog(features.uninstall(),
                Messages.of("desktop", features.locale()), stage);
        dialog.stage().setOnHidden(e -> {
            cameras.reload();
            keptModel.reload();
            timelineModel.refresh();
        });
        dialog.show();
        return dialog;
    }

    /** Opens the app-wide settings. */
    public Stage openAppSettings() {
        org.doorstep.ui.notify.NotificationsViewModel notifications = features.notifications();
        notifications.load();
        return AppSettingsView.open(appSettings.get(), settingsText, stage, List.of(
                new org.doorstep.ui.notify.NotificationsView(notifications,
                        Messages.of("desktop", features.locale())).node()));
    }

    /** Opens "Export video" for one camera's range (a timeline selection or an event); the dialog does the rest. */
    public void export(String camera, Instant from, Instant to) {
        var model = features.export();
        model.request(camera, from, to);
        new ExportDialog(model, features.exportText(), stage).show();
    }

    /**
     * Opens the erase confirmation for {@code scope} (timeline selection, event list, camera menu and settings call
     * this); the dialog shows what goes, the progress and the receipt, and the timeline reloads when it closes.
     */
    public org.doorstep.ui.erase.EraseDialog erase(org.doorstep.usecase.erase.EraseScope scope) {
        org.doorstep.ui.erase.EraseDialog dialog = new org.doorstep.ui.erase.EraseDialog(features.erase(scope),
                org.doorstep.common.Messages.of("erase_ui", features.locale()), stage);
        dialog.dialog().setOnHidden(e -> {
            cameras.reload();
            features.settingsChanged(); // the record counts erasures and lists the cameras left
            keptModel.reload(); // an erase releases the kept clips it reached
            timelineModel.refresh();
        });
        dialog.show();
        return dialog;
    }

    /** "Remove camera…": keep its recordings (switched off) or erase them, the camera removed at the erase's end. */
    public org.doorstep.ui.erase.RemoveCameraDialog removeCamera(String camera) {
        org.doorstep.ui.erase.RemoveCameraDialog dialog = new org.doorstep.ui.erase.RemoveCameraDialog(
                features.removeCamera(camera), stage,
                () -> erase(org.doorstep.usecase.erase.EraseScope.camera(camera, true)));
        dialog.dialog().setOnHidden(e -> {
            cameras.reload();
            liveModel.reload();
        });
        dialog.show();
        return dialog;
    }

    /** "Stop all recording" (an objection), one click; while stopped, the same button resumes. */
    private Button stopAllButton() {
        org.doorstep.ui.stop.StopRecordingViewModel stops = features.stopRecording();
        Messages t = stops.text();
        Button stopAll = new Button();
        stopAll.setId("stopAllRecording");
        stopAll.textProperty().bind(stops.allStoppedProperty().map(all -> t.get(all ? "stop.all.resume" : "stop.all")));
        stopAll.graphicProperty().bind(stops.allStoppedProperty().map(all ->
                Icons.of(all ? Material2MZ.PLAY_CIRCLE_OUTLINE : Material2MZ.STOP_CIRCLE)));
        stopAll.tooltipProperty().bind(stops.allStoppedProperty().map(all ->
                new Tooltip(t.get(all ? "stop.all.resume.tip" : "stop.all.tip"))));
        stopAll.setOnAction(e -> stops.toggleAll());
        stops.reload();
        return stopAll;
    }

    /** "Keep" in the player: the two minutes around the shown moment of the first camera played (never past now). */
    private Button playerKeepButton() {
        Messages keepText = features.keepText();
        Button keep = new Button(keepText.get("keep.player"), Icons.of(Material2AL.BOOKMARK));
        keep.setId("playerKeep");
        keep.setTooltip(new Tooltip(keepText.get("keep.player.tip")));
        keep.setOnAction(e -> {
            List<String> shown = features.player().cameras();
            Instant at = features.player().positionProperty().get();
            if (shown.isEmpty() || at == null) {
                return;
            }
            Instant now = Instant.now();
            Instant to = at.plusSeconds(60).isAfter(now) ? now : at.plusSeconds(60);
            keep(features.keep(shown.get(0), at.minusSeconds(60), to));
        });
        return keep;
    }

    /** Opens "Keep clip" (reason and review date); the timeline's band and the kept list update once it is kept. */
    public org.doorstep.ui.keep.KeepDialog keep(org.doorstep.ui.keep.KeepViewModel model) {
        model.onKept(k -> {
            timelineModel.refresh();
            keptModel.reload();
        });
        org.doorstep.ui.keep.KeepDialog dialog = new org.doorstep.ui.keep.KeepDialog(model, stage);
        dialog.show();
        return dialog;
    }

    /** Reloads the timeline every two seconds so new recordings and events appear while one watches. */
    private void startRefreshing() {
        refresher = Executors.newSingleThreadScheduledExecutor(Threads.named("timeline-refresh"));
        refresher.scheduleWithFixedDelay(() -> Platform.runLater(() -> {
            refreshNow();
            eventList.reload(); // the newest events appear on top while one watches
        }), 0, 2, TimeUnit.SECONDS);
        // review dates fall due at midnight, not every two seconds: the kept list is read once a minute
        refresher.scheduleWithFixedDelay(() -> Platform.runLater(keptModel::reload), 0, 1, TimeUnit.MINUTES);
    }

    private void stopRefreshing() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    private void refreshNow() {
        timelineModel.refresh();
    }
}
