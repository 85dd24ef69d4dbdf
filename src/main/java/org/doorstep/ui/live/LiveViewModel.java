package org.doorstep.ui.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.doorstep.common.Messages;
import org.doorstep.media.FrameTarget;
import org.doorstep.record.CameraStatus;
import org.doorstep.store.Camera;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.live.LiveStatus;
import org.doorstep.usecase.live.LiveStream;
import org.doorstep.usecase.live.LiveView;
import org.doorstep.usecase.live.Quality;

/**
 * The live view's state: the cameras as tiles, grid or one camera large, each tile's badge (from its live stream
 * and its recorder), rings. Opens and closes the live streams for the surfaces the view hands in; opening runs in
 * the background, every property changes on the FX thread.
 */
public final class LiveViewModel {
    public enum Mode { GRID, SINGLE }

    private final LiveView live;
    private final CameraCatalog catalog;
    private final UiExecutors executors;
    private final Messages text;
    private final ObservableList<LiveTile> tiles = FXCollections.observableArrayList();
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.GRID);
    private final ReadOnlyObjectWrapper<LiveTile> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyIntegerWrapper columns = new ReadOnlyIntegerWrapper(this, "columns", 1);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    /** What plays in each surface; FX thread only. */
    private final Map<FrameTarget, Playing> playing = new HashMap<>();
    /** The latest recorder state per camera, also for tiles that appear later; FX thread only. */
    private final Map<Long, CameraStatus> recorders = new HashMap<>();

    /** One stream in one surface; {@code stream} is null while it is being opened. */
    private static final class Playing {
        final LiveTile tile;
        final Quality quality;
        final boolean single;
        LiveStream stream;
        boolean stopped;

        Playing(LiveTile tile, Quality quality, boolean single) {
            this.tile = tile;
            this.quality = quality;
            this.single = single;
        }
    }

    public LiveViewModel(LiveView live, CameraCatalog catalog, UiExecutors executors, Messages text) {
        this.live = live;
        this.catalog = catalog;
        this.executors = executors;
        this.text = text;
        mode.addListener((o, was, now) -> tiles.forEach(this::refreshBadge));
        selected.addListener((o, was, now) -> tiles.forEach(this::refreshBadge));
    }

    /** The cameras, in the catalog's order. */
    public ObservableList<LiveTile> tiles() {
        return tiles;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** The camera shown large (also kept while the grid is shown, for going back). */
    public ReadOnlyObjectProperty<LiveTile> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Columns of the grid: 1, 2, 3 or 4 (1, 2×2, 3×3, 4×4 and more rows beyond 16 cameras). */
    public ReadOnlyIntegerProperty columnsProperty() {
        return columns.getReadOnlyProperty();
    }

    /** A sentence when the cameras could not be read, else null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public static int columnsFor(int cameras) {
        if (cameras <= 1) {
            return 1;
        }
        return Math.min(4, (int) Math.ceil(Math.sqrt(cameras)));
    }

    /** Reads the cameras again (at start, after one was added or removed); tiles of unchanged cameras stay. */
    public void reload() {
        inBackground(() -> {
            try {
                List<Camera> all = catalog.all().stream().filter(Camera::enabled).toList();
                executors.fx().execute(() -> show(all));
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
    }

    private void show(List<Camera> cameras) {
        problem.set(null);
        List<LiveTile> next = new ArrayList<>();
        for (int i = 0; i < cameras.size(); i++) {
            Camera c = cameras.get(i);
            int number = i + 1;
            boolean hidden = c.options().hideLive();
            LiveTile tile = tiles.stream().filter(t -> t.cameraId() == c.id() && t.name().equals(c.name())
                    && t.number() == number && t.hidden() == hidden).findFirst()
                    .orElseGet(() -> new LiveTile(c.id(), c.name(), number, hidden));
            CameraStatus recorder = recorders.get(c.id());
            if (recorder != null) {
                tile.setRecorder(recorder);
            }
            refreshBadge(tile);
            next.add(tile);
        }
        if (!next.equals(tiles)) {
            tiles.setAll(next);
        }
        columns.set(columnsFor(next.size()));
        if (selected.get() != null && !next.contains(selected.get())) {
            selected.set(null);
            mode.set(Mode.GRID);
        }
    }

    /** Shows {@code tile} large; its ring counts as seen. */
    public void showSingle(LiveTile tile) {
        if (tile == null || !tiles.contains(tile)) {
            return;
        }
        selected.set(tile);
        mode.set(Mode.SINGLE);
        tile.setRinging(false);
    }

    /** Shows camera {@code number} (1-based, as on the keys) large; false when there is no such camera. */
    public boolean showNumber(int number) {
        if (number < 1 || number > tiles.size()) {
            return false;
        }
        showSingle(tiles.get(number - 1));
        return true;
    }

    public void showGrid() {
        mode.set(Mode.GRID);
    }

    /**
     * Shows {@code tile}'s stream of {@code quality} in {@code target}, replacing what played there; nothing
     * happens when exactly that plays already.
     *
     * @param single true for the large view (its state is the badge while it is shown)
     */
    public void play(LiveTile tile, FrameTarget target, Quality quality, boolean single) {
        Playing now = playing.get(target);
        if (now != null && now.tile == tile && now.quality == quality && now.single == single) {
            return;
        }
        if (tile.hidden()) {
            stop(target); // "hide live view": no stream is opened, recording is not touched
            refreshBadge(tile);
            return;
        }
        stop(target);
        Playing p = new Playing(tile, quality, single);
        playing.put(target, p);
        tile.setStatus(single, LiveStatus.CONNECTING);
        refreshBadge(tile);
        inBackground(() -> {
            LiveStream stream;
            try {
                stream = live.open(tile.name(), quality, target);
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
                return;
            }
            executors.fx().execute(() -> {
                if (p.stopped) {
                    stream.close(); // replaced or stopped while opening
                    return;
                }
                p.stream = stream;
                stream.listen(status -> executors.fx().execute(() -> {
                    if (!p.stopped) {
                        tile.setStatus(single, status);
                        refreshBadge(tile);
                    }
                }));
            });
        });
    }

    /** What plays in {@code target}, or null. */
    public Quality qualityIn(FrameTarget target) {
        Playing p = playing.get(target);
        return p == null ? null : p.quality;
    }

    /** Stops what plays in {@code target}. */
    public void stop(FrameTarget target) {
        Playing p = playing.remove(target);
        if (p != null) {
            p.stopped = true;
            if (p.stream != null) {
                p.stream.close();
            }
        }
    }

    /** Stops every stream (the window closes). */
    public void stopAll() {
        for (FrameTarget t : List.copyOf(playing.keySet())) {
            stop(t);
        }
    }

    /** Streams playing now (diagnostics, tests). */
    public int playingCount() {
        return playing.size();
    }

    /** A recorder's state changed; from any thread. */
    public void statusChanged(CameraStatus status) {
        executors.fx().execute(() -> {
            recorders.put(status.cameraId(), status);
            for (LiveTile t : tiles) {
                if (t.cameraId() == status.cameraId()) {
                    t.setRecorder(status);
                    refreshBadge(t);
                }
            }
        });
    }

    /** The doorbell of camera {@code cameraId} rang; from any thread. */
    public void rang(long cameraId) {
        executors.fx().execute(() -> tiles.stream().filter(t -> t.cameraId() == cameraId)
                .forEach(t -> t.setRinging(true)));
    }

    /** The ring was shown (the flash ended). */
    public void ringSeen(LiveTile tile) {
        tile.setRinging(false);
    }

    /** Runs {@code task} in the background; nothing when the window's pool is already shut down (it closes). */
    private void inBackground(Runnable task) {
        try {
            executors.background().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the window is closing: no camera list to load, no stream to open
        }
    }

    private void refreshBadge(LiveTile tile) {
        if (tile.hidden()) {
            tile.setBadge(new TileBadge(TileBadge.Kind.HIDDEN, text.get("badge.hidden")));
            return;
        }
        boolean single = mode.get() == Mode.SINGLE && selected.get() == tile;
        tile.setBadge(badgeFor(tile.status(single), tile.recorder()));
    }

    /** The badge for a stream's state; the recorder's reason fills in while the stream itself knows none. */
    TileBadge badgeFor(LiveStatus stream, CameraStatus recorder) {
        Objects.requireNonNull(stream);
        return switch (stream.state()) {
            case LIVE -> new TileBadge(TileBadge.Kind.LIVE, text.get("badge.live"));
            case RECONNECTING -> problemBadge(kindOf(stream.problem()));
            case CONNECTING, PAUSED, CLOSED -> {
                if (recorder != null && recorder.state() == CameraStatus.State.RECONNECTING) {
                    yield problemBadge(kindOfGap(recorder.reason()));
                }
                yield stream.state() == LiveStatus.State.CONNECTING
                        ? new TileBadge(TileBadge.Kind.CONNECTING, text.get("badge.connecting"))
                        : new TileBadge(TileBadge.Kind.PAUSED, text.get("badge.paused"));
            }
        };
    }

    private TileBadge problemBadge(TileBadge.Kind kind) {
        String reason = text.get("reason." + switch (kind) {
            case UNREACHABLE -> "unreachable";
            case WRONG_PASSWORD -> "wrongPassword";
            case UNDECODABLE -> "undecodable";
            case NOT_ALLOWED -> "notAllowed";
            default -> "streamEnded";
        });
        return new TileBadge(kind, text.get("badge.reconnecting", reason));
    }

    private static TileBadge.Kind kindOf(LiveStatus.Problem problem) {
        return switch (problem) {
            case UNREACHABLE -> TileBadge.Kind.UNREACHABLE;
            case WRONG_PASSWORD -> TileBadge.Kind.WRONG_PASSWORD;
            case UNDECODABLE -> TileBadge.Kind.UNDECODABLE;
            case NOT_ALLOWED -> TileBadge.Kind.NOT_ALLOWED;
            case STREAM_ENDED, NONE -> TileBadge.Kind.STREAM_ENDED;
        };
    }

    /** Gap reasons as the recorder stores them (record.StreamRecorder / media.IngestException.Reason codes). */
    private static TileBadge.Kind kindOfGap(String reason) {
        if ("auth-failed".equals(reason)) {
            return TileBadge.Kind.WRONG_PASSWORD;
        }
        if ("unreachable".equals(reason)) {
            return TileBadge.Kind.UNREACHABLE;
        }
        if ("not-allowed".equals(reason)) {
            return TileBadge.Kind.NOT_ALLOWED;
        }
        return TileBadge.Kind.STREAM_ENDED;
    }
}
