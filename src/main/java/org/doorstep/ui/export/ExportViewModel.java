package org.doorstep.ui.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.doorstep.common.Messages;
import org.doorstep.playback.ExportService;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.ui.common.MaskEditorModel;
import org.doorstep.usecase.player.ExportPreset;
import org.doorstep.usecase.player.PlayerService;
import org.doorstep.usecase.player.PresetExports;

/**
 * One export: a camera's range (or an event with its pre- and post-roll) to an MP4 file, with progress and
 * cancel. Cancelling leaves no file behind (the export writes a temporary file and renames it only when complete).
 * When the file is done it is handed to the opener (the system's video player in the app).
 */
public final class ExportViewModel {
    /** Where an export stands. */
    public enum State { READY, RUNNING, DONE, CANCELLED, FAILED }

    /** Opens a finished export; the app's opens it in the system's video player. Called off the FX thread. */
    @FunctionalInterface
    public interface FileOpener {
        void open(Path file) throws Exception;
    }

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

    private final PlayerService player;
    /** Null where presets are not offered (the dialog then makes quick clips only). */
    private final PresetExports presets;
    private final Messages presetText;
    private final ObjectProperty<ExportPreset> preset = new SimpleObjectProperty<>(ExportPreset.QUICK);
    private final ObjectProperty<java.util.Locale> sheetLanguage = new SimpleObjectProperty<>();
    private final MaskEditorModel blur = new MaskEditorModel();
    private final javafx.beans.property.BooleanProperty nobodyElse = new javafx.beans.property.SimpleBooleanProperty();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper extraFiles = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<org.doorstep.media.Picture> still = new ReadOnlyObjectWrapper<>();
    private final UiExecutors executors;
    private final Messages text;
    private final FileOpener opener;
    private final Path folder;
    private final ZoneId zone;
    private final ObjectProperty<Path> target = new SimpleObjectProperty<>();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.READY);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Path> saved = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper reminder = new ReadOnlyStringWrapper();
    private String camera;
    private Instant from;
    private Instant to;
    private AtomicBoolean cancelled = new AtomicBoolean();

    public ExportViewModel(PlayerService player, UiExecutors executors, Messages text, FileOpener opener, Path folder,
                           ZoneId zone) {
        this(player, null, executors, text, opener, folder, zone);
    }

    /**
     * @param presets the preset exports (evidence, access request); null offers the quick clip only
     */
    public ExportViewModel(PlayerService player, PresetExports presets, UiExecutors executors, Messages text,
                           FileOpener opener, Path folder, ZoneId zone) {
        this.presets = presets;
        this.presetText = Messages.of("presets", text.locale());
        this.sheetLanguage.set(org.doorstep.usecase.paperwork.Paperwork.language(text.locale()));
        blur.drawingKind(MaskEditorModel.Kind.PRIVACY); // every shape drawn here is a region to blur
        blur.onChange(this::validate);
        nobodyElse.addListener((o, was, now) -> validate());
        preset.addListener((o, was, now) -> {
            Path t = target.get();
            if (camera != null && t != null && t.getFileName().toString().equals(fileName(camera, from, was))) {
                target.set(t.resolveSibling(fileName(camera, from, now))); // the default name follows the preset
            }
            validate();
        });
        target.addListener((o, was, now) -> validate());
        this.player = player;
        this.executors = executors;
        this.text = text;
        this.opener = opener;
        this.folder = folder;
        this.zone = zone;
    }

    /** What to export; the file is named after the camera and the start, in the export folder. */
    public void request(String cameraName, Instant start, Instant end) {
        this.camera = cameraName;
        this.from = start;
        this.to = end;
        target.set(folder.resolve(fileName(cameraName, start, preset.get())));
        progress.set(0);
        state.set(State.READY);
        message.set(null);
        still.set(null);
        blur.load(null, null); // regions belong to one request: another range shows other people
        nobodyElse.set(false);
        remind();
        validate();
        if (presets != null) {
            loadStill(cameraName, start);
        }
    }

    /** A picture of the range's start to draw the blur regions on (in the background; null while none). */
    private void loadStill(String cameraName, Instant at) {
        executors.background().execute(() -> {
            org.doorstep.media.Picture p;
            try {
                p = player.preview(cameraName, at, 960).orElse(null);
            } catch (RuntimeException e) {
                p = null; // locked or unreadable: the regions are drawn on a grey area, and the export says why
            }
            org.doorstep.media.Picture picture = p;
            executors.fx().execute(() -> still.set(picture));
        });
    }

    /** Whether presets beyond the quick clip are offered. */
    public boolean presetsOffered() {
        return presets != null;
    }

    /** The chosen preset; quick clip unless changed. */
    public ObjectProperty<ExportPreset> presetProperty() {
        return preset;
    }

    /** The data sheet's language (English or German), the window's language unless changed. */
    public ObjectProperty<java.util.Locale> sheetLanguageProperty() {
        return sheetLanguage;
    }

    /** The regions to blur in an access request, drawn on {@link #stillProperty()}. */
    public MaskEditorModel blurRegions() {
        return blur;
    }

    /** The person confirms no one else is visible, so an access request without regions is deliberate. */
    public javafx.beans.property.BooleanProperty nobodyElseProperty() {
        return nobodyElse;
    }

    /** Why the export cannot start yet, as a sentence; null when it can. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The files written beside the video by the chosen preset, as a sentence; null for none. */
    public ReadOnlyStringProperty extraFilesProperty() {
        return extraFiles.getReadOnlyProperty();
    }

    /** A picture of the range's start (null until loaded, or where there is none). */
    public ReadOnlyObjectProperty<org.doorstep.media.Picture> stillProperty() {
        return still.getReadOnlyProperty();
    }

    /** The number of regions drawn (closed shapes). */
    public int blurCount() {
        return (int) blur.count(MaskEditorModel.Kind.PRIVACY);
    }

    private void validate() {
        ExportPreset p = preset.get();
        String why = null;
        if (p == ExportPreset.ACCESS_REQUEST) {
            if (blur.isDrawing()) {
                why = presetText.get("preset.problem.draft");
            } else if (blurCount() == 0 && !nobodyElse.get()) {
                why = presetText.get("preset.problem.noBlur");
            }
        }
        problem.set(why);
        Path t = target.get();
        if (t == null || p == ExportPreset.QUICK) {
            extraFiles.set(null);
        } else {
            java.util.List<Path> files = PresetExports.filesFor(p, t);
            extraFiles.set(presetText.get("preset.files", String.join(", ",
                    files.subList(1, files.size()).stream().map(f -> f.getFileName().toString()).toList())));
        }
    }

    /**
     * What the export folder already holds: exports are copies outside retention and the encryption, so the owner is
     * reminded of them each time one is made (and an erase lists them).
     */
    public ReadOnlyStringProperty reminderProperty() {
        return reminder.getReadOnlyProperty();
    }

    private void remind() {
        executors.background().execute(() -> {
            long files = 0;
            long bytes = 0;
            if (Files.isDirectory(folder)) {
                try (java.util.stream.Stream<Path> list = Files.list(folder)) {
                    for (Path p : list.filter(p -> p.getFileName().toString().endsWith(".mp4")).toList()) {
                        files++;
                        bytes += p.toFile().length();
                    }
                } catch (java.io.IOException | java.io.UncheckedIOException e) {
                    files = -1;
                }
            }
            String text = files < 0 ? null : files == 0 ? this.text.get("export.reminder.empty", folder)
                    : this.text.get("export.reminder", folder, files, size(bytes));
            executors.fx().execute(() -> reminder.set(text));
        });
    }

    String fileName(String cameraName, Instant start) {
        return fileName(cameraName, start, ExportPreset.QUICK);
    }

    /** The default name: camera and start, and for a preset other than the quick clip its name. */
    String fileName(String cameraName, Instant start, ExportPreset kind) {
        // characters that Windows, macOS or Linux refuse in a file name become "_"
        String safe = cameraName.strip().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        String suffix = kind == null || kind == ExportPreset.QUICK ? "" : "_" + kind.cliName();
        return safe + "_" + FILE_TIME.format(start.atZone(zone)) + suffix + ".mp4";
    }

    public String camera() {
        return camera;
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The file to write; may be changed until the export starts. */
    public ObjectProperty<Path> targetProperty() {
        return target;
    }

    /** 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What happened, as a sentence: done, cancelled, or why it failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The finished file, once done. */
    public ReadOnlyObjectProperty<Path> savedProperty() {
        return saved.getReadOnlyProperty();
    }

    public BooleanBinding runningProperty() {
        return state.isEqualTo(State.RUNNING);
    }

    /** Starts the export in the background; nothing when one is running. */
    public void start() {
        if (state.get() == State.RUNNING || camera == null) {
            return;
        }
        Path out = target.get();
        if (Files.exists(out)) {
            message.set(text.get("export.exists", out.getFileName()));
            return;
        }
        if (problem.get() != null) {
            message.set(problem.get());
            return;
        }
        ExportPreset kind = preset.get();
        for (Path f : PresetExports.filesFor(kind, out)) {
            if (Files.exists(f)) {
                message.set(text.get("export.exists", f.getFileName()));
                return;
            }
        }
        java.util.List<org.doorstep.motion.MotionMask.Polygon> regions = kind != ExportPreset.ACCESS_REQUEST
                ? java.util.List.of() : blur.shapes().stream().map(MaskEditorModel.Shape::polygon).toList();
        java.util.Locale language = sheetLanguage.get();
        AtomicBoolean stop = new AtomicBoolean();
        cancelled = stop;
        state.set(State.RUNNING);
        progress.set(0);
        message.set(null);
        String name = camera;
        Instant start = from;
        Instant end = to;
        // the export reports after every packet: pass on whole percents only, not thousands of updates a second
        AtomicInteger percent = new AtomicInteger(-1);
        executors.background().execute(() -> {
            try {
                if (out.getParent() != null) {
                    Files.createDirectories(out.getParent()); // the managed export folder is made on first use
                }
                PlayerService.Progress onProgress = f -> {
                    int p = (int) Math.floor(Math.max(0, Math.min(1, f)) * 100);
                    if (percent.getAndSet(p) != p) {
                        executors.fx().execute(() -> {
                            if (state.get() == State.RUNNING) {
                                progress.set(p / 100.0);
                            }
                        });
                    }
                };
                ExportService.Result result;
                java.util.List<Path> extra = java.util.List.of();
                if (presets == null) {
                    result = player.export(name, start, end, out, onProgress, stop::get);
                } else {
                    PresetExports.Outcome o = presets.export(new PresetExports.Request(name, start, end, out, kind,
                            regions, language), onProgress, stop::get);
                    result = o.video();
                    extra = o.files().subList(1, o.files().size());
                }
                java.util.List<Path> companions = extra;
                executors.fx().execute(() -> done(result, companions));
                open(result.file());
            } catch (CancellationException e) {
                executors.fx().execute(() -> {
                    state.set(State.CANCELLED);
                    progress.set(0);
                    message.set(text.get("export.cancelled"));
                });
            } catch (java.io.IOException | RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> {
                    state.set(State.FAILED);
                    message.set(sentence);
                });
            }
        });
    }

    private void done(ExportService.Result result, java.util.List<Path> companions) {
        remind();
        progress.set(1);
        state.set(State.DONE);
        saved.set(result.file());
        String done = companions.isEmpty() ? text.get("export.done", result.file().getFileName(), size(result.bytes()))
                : presetText.get("preset.done", result.file().getFileName(), size(result.bytes()),
                        String.join(", ", companions.stream().map(f -> f.getFileName().toString()).toList()));
        message.set(result.damaged().isEmpty() ? done : done + " " + damagedText(result.damaged()));
    }

    /** Names the pieces left out of the export because the recording is damaged there (times of day). */
    private String damagedText(java.util.List<ExportService.Damaged> damaged) {
        Messages d = Messages.of("damage", text.locale());
        java.time.format.DateTimeFormatter clock = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        StringBuilder ranges = new StringBuilder();
        for (ExportService.Damaged r : damaged) {
            if (ranges.length() > 0) {
                ranges.append(d.get("damaged.separator"));
            }
            ranges.append(d.get("damaged.range", clock.format(r.from()), clock.format(r.to())));
        }
        return d.get("damaged.window", ranges);
    }

    private void open(Path file) {
        try {
            opener.open(file);
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            executors.fx().execute(() -> message.set(text.get("export.done.notOpened", file.getFileName(), why)));
        }
    }

    /** Stops a running export; it removes what it wrote so far. */
    public void cancel() {
        cancelled.set(true);
    }

    private String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(text.locale(), "%d KB", Math.max(1, bytes / 1024));
        }
        return String.format(text.locale(), "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /**
     * Where exports go unless chosen otherwise: the data folder's {@code exports/}, which Doorstep manages (owner-only
     * like the rest of the folder, listed by an erase, named in the reminder), not a shared Videos folder.
     */
    public static Path defaultFolder(Path dataFolder) {
        return dataFolder.resolve("exports");
    }
}
