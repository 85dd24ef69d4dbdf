package org.doorstep;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import org.doorstep.events.CameraEventService;
import org.doorstep.motion.MotionService;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.onvif.AuthMemory;
import org.doorstep.onvif.OnvifHttp;
import org.doorstep.playback.EventClips;
import org.doorstep.playback.ExportService;
import org.doorstep.playback.PlaybackService;
import org.doorstep.privacy.CameraCredentials;
import org.doorstep.privacy.CredentialVault;
import org.doorstep.privacy.EncryptedThumbnails;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.record.RecordingListeners;
import org.doorstep.record.RecordingService;
import org.doorstep.record.RetentionService;
import org.doorstep.store.ActivityRepository;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.DataDir;
import org.doorstep.store.DataDirLock;
import org.doorstep.store.Database;
import org.doorstep.store.EventRepository;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.Settings;
import org.doorstep.store.OwnerStore;
import org.doorstep.store.SettingsStore;
import org.doorstep.store.TimelineQuery;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.audit.Audit;
import org.doorstep.usecase.lock.AppLock;
import org.doorstep.privacy.PasswordHasher;
import org.doorstep.store.AccessSettingsStore;
import org.doorstep.usecase.settings.AppSettings;
import org.doorstep.usecase.settings.CameraStills;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.demo.DemoDoorbell;
import org.doorstep.usecase.discovery.Discovery;
import org.doorstep.usecase.owner.OwnerController;
import org.doorstep.usecase.setup.CameraSetup;
import org.doorstep.usecase.erase.Erase;
import org.doorstep.usecase.doctor.MachineCheck;
import org.doorstep.usecase.events.EventReview;
import org.doorstep.usecase.live.LiveView;
import org.doorstep.usecase.player.PlayerService;
import org.doorstep.usecase.timeline.TimelineService;
import org.doorstep.usecase.watch.Watch;
import org.slf4j.LoggerFactory;

/**
 * One data folder taken by this process, and every object that works on it, built here and nowhere else. Closing
 * it stops what runs (recording, motion, camera events) and then releases the database and the folder lock.
 */
public final class App implements Workspace {
    private final DataDir dataDir;
    private final DataDirLock lock;
    private final Database database;
    private final SettingsStore settingsStore;
    private final Settings settings;
    /** The motion analysis once {@link #watch()} has started it, for settings saved while it runs. */
    private volatile MotionService motionService;
    private final Clock clock = Clock.systemUTC();
    private final CameraRepository cameras;
    private final CredentialVault vault;
    private final EventRepository events;
    private final SegmentIndex segments;
    private final org.doorstep.store.AnalysedStreams analysedStreams;
    private final SegmentFiles segmentFiles;
    private final SegmentKeyStore keys;
    private final org.doorstep.usecase.keystore.KeyStoreHome keyStore;
    private final RecordingListeners recordingListeners = new RecordingListeners();
    private final RecordingService recording;
    private final CameraCatalog catalog;
    private final TimelineService timeline;
    private final PlayerService player;
    private final EventReview eventReview;
    private final DemoDoorbell demo;
    private final AppSettings appSettings;
    private final MachineCheck machine;
    private final CameraSetup setup;
    private final OwnerController owner;
    private final Erase erase;
    private final org.doorstep.usecase.keep.KeptClips keep;
    /** The audit table itself, for the recorder's stop and resume rows. */
    private final org.doorstep.store.AuditLog auditLog;
    private final org.doorstep.usecase.watch.RecordingStops recordingStops;
    private final org.doorstep.usecase.desktop.NotificationSettings notifications;
    private final org.doorstep.usecase.paperwork.Paperwork paperwork;
    private final org.doorstep.usecase.player.PresetExports presetExports;
    private final Audit audit;
    private final AppLock appLock;
    private final org.doorstep.usecase.storage.Storage storage;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private Watch watch;
    private final LiveView live;
    private java.util.List<org.doorstep.media.HwAccel> hardwareDecoders;
    private boolean closed;

    private App(DataDir dataDir, DataDirLock lock, Database database, SettingsStore settingsStore, Settings settings,
                MachineCheck machine, String command, java.util.Optional<org.doorstep.privacy.OsKeyStore> osKeys)
            throws IOException {
        this.dataDir = dataDir;
        this.lock = lock;
        this.database = database;
        this.settingsStore = settingsStore;
        this.settings = settings;
        this.machine = machine;
        this.cameras = new CameraRepository(database);
        this.vault = new CredentialVault(dataDir.keys());
        this.events = new EventRepository(database);
        this.segments = new SegmentIndex(database);
        this.analysedStreams = new org.doorstep.store.AnalysedStreams(database);
        this.segmentFiles = new SegmentFiles(dataDir);
        // the key-encryption key: in the OS key store where one works, else in keys/ (KeyStoreChoice says why)
        org.doorstep.privacy.KeyStoreChoice keyChoice = org.doorstep.privacy.KeyStoreChoice.open(dataDir.keys(),
                osKeys, null);
        this.keys = keyChoice.keys();
        this.keyStore = new org.doorstep.usecase.keystore.KeyStoreHome(keyChoice);
        org.doorstep.store.AuditLog audit = new org.doorstep.store.AuditLog(database);
        this.auditLog = audit;
        // each row names who is unlocked by PIN at that moment (the lock is built next; read only when a row is written)
        this.audit = new Audit(audit, cameras, this::auditRetentionDays, command, clock, this::unlockedPerson);
        this.appLock = new AppLock(new AccessSettingsStore(dataDir.root().resolve("access.json")),
                new PasswordHasher(), this.audit, this::eraseEverything, clock,
                new org.doorstep.store.PersonRepository(database));
        org.doorstep.store.KeptClipRepository keptClips = new org.doorstep.store.KeptClipRepository(database);
        org.doorstep.record.DiskSpace disk = org.doorstep.record.DiskSpace.system();
        RetentionService retention = new RetentionService(cameras, segments, segmentFiles, keys, settings, clock,
                keptClips, disk);
        this.recording = new RecordingService(cameras, vault, settings, segmentFiles, keys, segments, retention,
                recordingListeners, clock, disk);
        this.storage = new org.doorstep.usecase.storage.Storage(segmentFiles, recording, retention, cameras, segments,
                this::storageCap, disk);
        this.catalog = new CameraCatalog(cameras, vault, AddressPolicy.lanOnly(), appLock, this.audit, clock);
        this.timeline = new TimelineService(cameras, new TimelineQuery(database), events, segments,
                new EventClips(segments), recording::status, clock);
        this.recordingStops = new org.doorstep.usecase.watch.RecordingStops(
                new org.doorstep.store.RecordingObjections(dataDir.root()), cameras, audit, this::startedWatch, clock);
        this.keep = new org.doorstep.usecase.keep.KeptClips(cameras, events, keptClips, audit, clock,
                java.time.ZoneId.systemDefault(), appLock);
        this.player = new PlayerService(catalog, new ExportService(segments, segmentFiles, keys),
                new PlaybackService(segments, segmentFiles, keys, events),
                PlayerService.stillFolder(Path.of(System.getProperty("user.home")), dataDir.exports()),
                java.time.ZoneId.systemDefault(), this.audit, appLock);
        this.eventReview = new EventReview(cameras, events, segments, new EncryptedThumbnails(dataDir, keys),
                recording::status, appLock, clock);
        this.demo = new DemoDoorbell(dataDir.cache().resolve("sim"), cameras, vault);
        this.owner = new OwnerController(new OwnerStore(dataDir.root().resolve("owner.json")));
        this.live = own(new LiveView(catalog, new CameraCredentials(vault), AddressPolicy.lanOnly(),
                this::hardwareDecoders));
        this.setup = new CameraSetup(catalog, new Discovery(AddressPolicy.lanOnly()), live, AddressPolicy.lanOnly(),
                clock);
        // start at login follows the setting when it changes; only for the default data folder, which is what the
        // launcher opens at login (a folder chosen with --data-dir, as tests use, never touches the user's login)
        org.doorstep.usecase.desktop.Autostart autostart = org.doorstep.usecase.desktop.Autostart.forThisComputer();
        boolean defaultFolder = DataDir.resolveDefault(null).root().equals(dataDir.root());
        java.util.concurrent.atomic.AtomicBoolean atLogin =
                new java.util.concurrent.atomic.AtomicBoolean(settings.startWithComputer());
        this.appSettings = new AppSettings(settingsStore, settings, cameras, segments, dataDir.root(),
                saved -> {
                    retention.settings(saved);
                    MotionService analysing = motionService;
                    if (analysing != null) {
                        analysing.keyframesWhileStill(saved.keyframesWhileStill());
                    }
                    if (defaultFolder && atLogin.get() != saved.startWithComputer()) {
                        autostart.set(saved.startWithComputer());
                        atLogin.set(saved.startWithComputer());
                    }
                }, appLock, clock);
        this.notifications = new org.doorstep.usecase.desktop.NotificationSettings(
                dataDir.root().resolve("notifications.json"));
        this.erase = new Erase(dataDir, database, cameras, segments, segmentFiles, keys, events,
                new ActivityRepository(database), new org.doorstep.store.EraseReceipts(database), audit, recording,
                catalog::remove, appLock, this.audit, clock,
                Path.of(System.getProperty("doorstep.logs", dataDir.logs().toString())));
        this.paperwork = new org.doorstep.usecase.paperwork.Paperwork(catalog::all, owner::current,
                () -> erase.receipts().size(), this::keptFacts, this::measuresInForce,
                dataDir.root().resolve("paperwork"), clock, java.time.ZoneId.systemDefault());
        this.presetExports = new org.doorstep.usecase.player.PresetExports(catalog,
                new ExportService(segments, segmentFiles, keys), paperwork, this.audit, appLock, clock,
                java.time.ZoneId.systemDefault());
        this.audit.prune(); // the log's own retention, at every start
    }

    /** The kept clips as the record of processing lists them (no pictures). */
    private java.util.List<org.doorstep.usecase.paperwork.PaperworkFacts.KeptFacts> keptFacts() {
        return keep.all().stream().map(k -> new org.doorstep.usecase.paperwork.PaperworkFacts.KeptFacts(k.camera(),
                k.from(), k.to(), k.reason(), k.reviewOn())).toList();
    }

    /** The technical measures in force now, for the record of processing. */
    private org.doorstep.usecase.paperwork.PaperworkFacts.Measures measuresInForce() {
        AppLock.Options o = appLock.options();
        return new org.doorstep.usecase.paperwork.PaperworkFacts.Measures(appLock.enabled(), o.idleMinutes(),
                o.liveWhileLocked(), o.auditRetentionDays(), keyEncryptionKeyLocation(),
                peopleWithPin(org.doorstep.usecase.lock.People.Role.OWNER),
                peopleWithPin(org.doorstep.usecase.lock.People.Role.STAFF));
    }

    private int peopleWithPin(org.doorstep.usecase.lock.People.Role role) {
        return (int) appLock.people().list().stream().filter(p -> p.role() == role).count();
    }

    /** Where the key-encryption key (which wraps the day keys) lives now, as the record of processing states it. */
    private String keyEncryptionKeyLocation() {
        return keyStore.report().where();
    }

    /** Who is unlocked with a PIN, for the audit log's rows (null before the lock exists: nobody). */
    private Audit.Person unlockedPerson() {
        return appLock == null ? null : appLock.unlockedPerson();
    }

    /** The audit log's retention, a lock option (the two share the owner-only access settings). */
    private int auditRetentionDays() {
        return appLock.options().auditRetentionDays();
    }

    /** What a lock reset runs: every recording erased, keys first, with a receipt (see AppLock.reset). */
    private String eraseEverything() {
        return erase.run(org.doorstep.usecase.erase.EraseScope.everything(), java.util.Set.of(),
                org.doorstep.usecase.erase.EraseProgress.NONE, () -> false).receiptId();
    }

    /**
     * Takes ownership of the data directory and opens its database.
     *
     * @param command what this process is, shown to a second process that finds the directory taken
     */
    public static App open(DataDir dir, String command)
            throws IOException, DataDirLock.HeldElsewhereException, SettingsStore.DamagedSettingsException {
        return open(dir, command, new MachineCheck(), java.util.Optional.empty());
    }

    /**
     * @param osKeys the OS key store offered for the key-encryption key (the launcher's choice; empty keeps it in
     *               the folder, as {@link #open(DataDir, String)} does for tests and tools)
     */
    static App open(DataDir dir, String command, MachineCheck machine,
                    java.util.Optional<org.doorstep.privacy.OsKeyStore> osKeys)
            throws IOException, DataDirLock.HeldElsewhereException, SettingsStore.DamagedSettingsException {
        dir.create();
        DataDirLock lock = DataDirLock.acquire(dir, command);
        App app;
        try {
            SettingsStore store = new SettingsStore(dir.settingsFile());
            Settings settings = store.load();
            Database db = Database.open(dir);
            app = new App(dir, lock, db, store, settings, machine, command, osKeys);
        } catch (IOException | SettingsStore.DamagedSettingsException | RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            app.erase.resume(); // an erase a crash interrupted is finished before anything else runs
        } catch (org.doorstep.common.UserException e) {
            if (app.keyStore.report().warning() == null) {
                app.close();
                throw e;
            }
            // its key rotation needs the key store that holds the KEK, which is away: recording must not stop for
            // that, and the erase finishes at the next start where the store answers (its journal stays)
            LoggerFactory.getLogger(App.class).warn("an interrupted erase waits for the key store: {}",
                    e.getMessage());
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        try {
            app.timelineRollupsUpToDate(); // before anything records: the rebuild recomputes every day
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    /**
     * Rebuilds the timeline's rollup cells from the index when they are missing or stale (a data folder from before
     * them, or after {@code doorstep repair}); logs how far it is, since a month of many cameras takes a while.
     */
    private void timelineRollupsUpToDate() {
        org.doorstep.store.TimelineRollups rollups = new org.doorstep.store.TimelineRollups(database);
        try {
            if (rollups.built()) {
                return;
            }
            org.slf4j.Logger log = LoggerFactory.getLogger(App.class);
            long started = System.nanoTime();
            int[] shown = {0};
            rollups.rebuild(done -> {
                if (done * 10 >= shown[0] + 1 && done < 1) {
                    shown[0] = (int) (done * 10);
                    log.info("summarising the index for the timeline: {}%", shown[0] * 10);
                }
            }, () -> false);
            log.info("timeline summaries rebuilt in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the timeline summaries could not be rebuilt: " + e.getMessage(), e);
        }
    }

    /**
     * {@code doorstep repair}: when the index database cannot be opened, moves its file aside (into
     * {@code db/damaged-<time>/}, never deleting it), creates a new one and rebuilds the index from the segment
     * files: their names carry camera, stream and start, their contents codec, size and duration, and their keys are
     * files in {@code keys/segments}, not rows. What lived only in the database cannot come back (see notRebuilt).
     */
    static org.doorstep.usecase.storage.RepairReport repairIndex(DataDir dir, MachineCheck machine,
            java.util.Optional<org.doorstep.privacy.OsKeyStore> osKeys)
            throws IOException, DataDirLock.HeldElsewhereException, SettingsStore.DamagedSettingsException {
        org.doorstep.common.Messages m = org.doorstep.common.Messages.of("storage");
        dir.create();
        Path file = Path.of(dir.database() + ".mv.db");
        Path movedTo = null;
        try (DataDirLock lock = DataDirLock.acquire(dir, "repair")) {
            if (java.nio.file.Files.exists(file)) {
                try {
                    try (Database db = Database.open(dir)) {
                        // the index is fine; its timeline summaries are derived from it, so they are rebuilt anyway
                        new org.doorstep.store.TimelineRollups(db).rebuild(done -> { }, () -> false);
                    } catch (java.sql.SQLException e) {
                        throw new IOException("the timeline summaries could not be rebuilt: " + e.getMessage(), e);
                    }
                    return new org.doorstep.usecase.storage.RepairReport(false, null, 0, 0, java.time.Duration.ZERO,
                            0, java.util.List.of());
                } catch (Database.UnreadableException damaged) {
                    movedTo = dir.database().resolveSibling("damaged-" + java.time.format.DateTimeFormatter
                            .ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                            .format(java.time.Instant.now()));
                    java.nio.file.Files.createDirectories(movedTo);
                    try (java.util.stream.Stream<Path> db = java.nio.file.Files.list(dir.database().getParent())) {
                        for (Path p : db.filter(p -> p.getFileName().toString().startsWith("doorstep.")).toList()) {
                            java.nio.file.Files.move(p, movedTo.resolve(p.getFileName()));
                        }
                    }
                    LoggerFactory.getLogger(App.class).warn("damaged index database moved to {}: {}", movedTo,
                            damaged.reason());
                }
            }
        }
        try (App app = open(dir, "repair", machine, osKeys)) {
            int cameras = 0;
            Path root = app.segmentFiles.root();
            if (java.nio.file.Files.isDirectory(root)) {
                try (java.util.stream.Stream<Path> folders = java.nio.file.Files.list(root)) {
                    for (Path f : folders.filter(java.nio.file.Files::isDirectory).sorted().toList()) {
                        String name = f.getFileName().toString();
                        if (!name.matches("\\d{1,18}")) {
                            continue;
                        }
                        long id = Long.parseLong(name);
                        // off (nothing to connect to) and kept for ten years: retention must not delete recovered
                        // footage before the owner has said how long this camera's footage is kept
                        org.doorstep.store.Camera cam = org.doorstep.store.Camera.newCamera(
                                        m.get("repair.cameraName", id), java.net.URI.create("rtsp://recovered.invalid/"),
                                        null, null, java.time.Duration.ofDays(3650))
                                .withEnabled(false)
                                .withOptions(new org.doorstep.store.Camera.Options(null, m.get("repair.retentionReason"),
                                        0, "auto", false, false));
                        try {
                            app.cameras.insertWithId(id, cam);
                            cameras++;
                        } catch (java.sql.SQLException e) {
                            throw new IOException("camera " + id + " could not be recreated: " + e.getMessage(), e);
                        }
                    }
                }
            }
            org.doorstep.record.Reconciler.Result r;
            long footageMs;
            try {
                r = new org.doorstep.record.Reconciler(app.segments, app.segmentFiles, app.keys, app.clock).reconcile();
                footageMs = app.segments.all().stream().mapToLong(x -> x.duration().toMillis()).sum();
            } catch (java.sql.SQLException e) {
                throw new IOException("the new index could not be written: " + e.getMessage(), e);
            }
            return new org.doorstep.usecase.storage.RepairReport(true, movedTo, cameras, r.filesRecovered(),
                    java.time.Duration.ofMillis(footageMs), r.filesDropped(),
                    java.util.List.of(m.get("repair.lost.cameras"), m.get("repair.lost.events"),
                            m.get("repair.lost.gaps"), m.get("repair.lost.receipts")));
        }
    }

    @Override
    public Path folder() {
        return dataDir.root();
    }

    @Override
    public CameraCatalog catalog() {
        return catalog;
    }

    @Override
    public TimelineService timeline() {
        return timeline;
    }

    @Override
    public PlayerService player() {
        return player;
    }

    @Override
    public org.doorstep.usecase.player.PresetExports presetExports() {
        return presetExports;
    }

    @Override
    public EventReview events() {
        return eventReview;
    }

    @Override
    public DemoDoorbell demo() {
        return demo;
    }

    @Override
    public CameraSetup setup() {
        return setup;
    }

    @Override
    public OwnerController owner() {
        return owner;
    }

    @Override
    public AppSettings appSettings() {
        return appSettings;
    }

    @Override
    public CameraStills stills() {
        return new CameraStills(live);
    }

    @Override
    public org.doorstep.usecase.keystore.KeyStoreHome keyStore() {
        return keyStore;
    }

    @Override
    public Erase erase() {
        return erase;
    }

    @Override
    public org.doorstep.usecase.watch.RecordingStops recordingStops() {
        return recordingStops;
    }

    /** The watch if it was built (a stop applies to it at once); never builds one. */
    private synchronized java.util.Optional<Watch> startedWatch() {
        return java.util.Optional.ofNullable(closed ? null : watch);
    }

    @Override
    public org.doorstep.usecase.keep.KeptClips keep() {
        return keep;
    }

    @Override
    public org.doorstep.usecase.desktop.NotificationSettings notifications() {
        return notifications;
    }

    public org.doorstep.usecase.paperwork.Paperwork paperwork() {
        return paperwork;
    }

    @Override
    public org.doorstep.usecase.storage.Storage storage() {
        return storage;
    }

    @Override
    public org.doorstep.usecase.watch.MotionCosts motionCosts() {
        return new org.doorstep.usecase.watch.MotionCosts(cameras, segments, analysedStreams, this::startedWatch);
    }

    @Override
    public synchronized Watch watch() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (watch == null) {
            own(org.doorstep.common.NativeHeapTrimmer.start()); // while cameras run (see NativeHeapTrimmer)
            EncryptedThumbnails thumbnails = new EncryptedThumbnails(dataDir, keys);
            CameraCredentials credentials = new CameraCredentials(vault);
            MotionService motion = new MotionService(events, new ActivityRepository(database), analysedStreams,
                    thumbnails, camera -> credentials.authenticated(camera, camera.analysisUrl()),
                    settings.motionFps(), hardwareDecoders());
            motionService = motion; // first, so a setting saved from here on reaches it
            motion.keyframesWhileStill(appSettings.current().keyframesWhileStill());
            OnvifHttp http = own(new OnvifHttp(AddressPolicy.lanOnly()));
            CameraEventService cameraEvents = new CameraEventService(events, vault, http, new AuthMemory(), thumbnails,
                    clock);
            watch = own(new Watch(cameras, events, recording, recordingListeners, motion, cameraEvents,
                    new org.doorstep.store.RecordingObjections(dataDir.root()), auditLog));
        }
        return watch;
    }

    @Override
    public AppLock lock() {
        return appLock;
    }

    @Override
    public Audit audit() {
        return audit;
    }

    @Override
    public LiveView live() {
        return live;
    }

    /** The decoders the machine check found working under the user's setting; checked once (it takes a moment). */
    private synchronized java.util.List<org.doorstep.media.HwAccel> hardwareDecoders() {
        if (hardwareDecoders == null) {
            // probed once per machine and FFmpeg version, not at every start (it decodes a test clip with each)
            hardwareDecoders = machine.hardwareDecoders(settings.hwAccel(),
                    dataDir.root().resolve("cache").resolve("hw-decoders.json"));
        }
        return hardwareDecoders;
    }

    /** The storage cap in force (the window may have changed it since start). */
    private long storageCap() {
        return appSettings.current().storageCapBytes();
    }

    public DataDir dataDir() { return dataDir; }
    public Database database() { return database; }
    public Settings settings() { return settings; }
    public SettingsStore settingsStore() { return settingsStore; }
    public CameraRepository cameras() { return cameras; }
    public CredentialVault vault() { return vault; }
    /** The day keys of the recordings, with the key-encryption key where {@link #keyStore()} says. */
    public SegmentKeyStore keys() { return keys; }

    /** Registers a service to be closed (in reverse order) when the App closes. */
    public <T extends AutoCloseable> T own(T service) {
        closeables.push(service);
        return service;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                LoggerFactory.getLogger(App.class).warn("closing a service failed: {}", e.toString());
            }
        }
        database.close();
        try {
            lock.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the process anyway
        }
    }
}
