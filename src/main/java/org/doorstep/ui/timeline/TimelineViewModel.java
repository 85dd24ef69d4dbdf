package org.doorstep.ui.timeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.doorstep.common.Messages;
import org.doorstep.store.TimelineQuery;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.timeline.TimelineService;

/**
 * The timeline's state without any node: the visible window (zoomed from a minute to 30 days, never further out
 * than the oldest footage plus a margin; following "now" while the window includes it), the index aggregated to the
 * pixel width of that window, the playhead, a selected range, and the item (event cluster or gap) under the pointer
 * or the keyboard focus, with its description and thumbnail. Loads run in the background; a load asked for while
 * one runs is done once that one ends, with the window as it is then.
 */
public final class TimelineViewModel {
    public static final Duration MIN_SPAN = Duration.ofMinutes(1);
    public static final Duration MAX_SPAN = Duration.ofDays(30);
    /** How far out one may zoom when nothing is recorded yet. */
    static final Duration EMPTY_SPAN = Duration.ofHours(1);

    /** The visible window. */
    public record Viewport(Instant start, Duration span) {
        public Instant end() {
            return start.plus(span);
        }

        /** Where {@code t} lies across the window, 0 at its start and 1 at its end. */
        public double fraction(Instant t) {
            return (double) (t.toEpochMilli() - start.toEpochMilli()) / span.toMillis();
        }

        public Instant at(double fraction) {
            return start.plusMillis(Math.round(fraction * span.toMillis()));
        }
    }

    /** A selected range, from before to. */
    public record Selection(Instant from, Instant to) {}

    /** Something on the timeline one can point at or move the focus to: an event cluster or a gap run. */
    public record Item(int lane, String camera, Instant start, Instant end, TimelineQuery.Cluster cluster,
                       TimelineQuery.GapRun gap) {
        public boolean isGap() {
            return gap != null;
        }
    }

    private final TimelineService timeline;
    private final UiExecutors executors;
    private final Messages text;
    private final Function<Long, Optional<byte[]>> thumbnails;
    private final Clock clock;
    private final ZoneId zone;
    private final ReadOnlyObjectWrapper<Viewport> viewport;
    private final ReadOnlyBooleanWrapper followingLive = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyObjectWrapper<TimelineService.Overview> overview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Instant> playhead = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Selection> selection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Item> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Item> focused = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<byte[]> thumbnail = new ReadOnlyObjectWrapper<>();
    private final AtomicBoolean loading = new AtomicBoolean();
    private final AtomicBoolean loadAgain = new AtomicBoolean();
    private List<Item> items = List.of();
    private Optional<Instant> oldest = Optional.empty();
    private int columns = 1000;
    private Consumer<Instant> onPlay = t -> { };
    private Consumer<Instant> onScrub = t -> { };
    private BiConsumer<Instant, Instant> onSelection = (a, b) -> { };
    /** Where the kept clips (evidence holds) of a window come from; none until the shell hands a source in. */
    private volatile java.util.function.BiFunction<Instant, Instant, List<org.doorstep.usecase.keep.KeptClips.Kept>>
            keptSource = (from, to) -> List.of();
    private final ReadOnlyObjectWrapper<List<org.doorstep.usecase.keep.KeptClips.Kept>> kept =
            new ReadOnlyObjectWrapper<>(List.of());

    public TimelineViewModel(TimelineService timeline, UiExecutors executors, Messages text,
                             Function<Long, Optional<byte[]>> thumbnails, Clock clock, ZoneId zone) {
        this.timeline = timeline;
        this.executors = executors;
        this.text = text;
        this.thumbnails = thumbnails;
        this.clock = clock;
        this.zone = zone;
        Duration initial = Duration.ofMinutes(10);
        this.viewport = new ReadOnlyObjectWrapper<>(new Viewport(liveEnd(initial).minus(initial), initial));
    }

    public Messages text() {
        return text;
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant now() {
        return clock.instant();
    }

    // ---- callbacks the shell wires

    /** Called with the instant a click or Enter asks to play from. */
    public void onPlay(Consumer<Instant> listener) {
        this.onPlay = listener;
    }

    /** Called again and again while the playhead is dragged: the shell shows the nearest keyframe there. */
    public void onScrub(Consumer<Instant> listener) {
        this.onScrub = listener;
    }

    /** Called when a range has been selected (Shift+drag): the shell offers Export and Erase on it. */
    public void onSelection(BiConsumer<Instant, Instant> listener) {
        this.onSelection = listener;
    }

    // ---- the window

    public ReadOnlyObjectProperty<Viewport> viewportProperty() {
        return viewport.getReadOnlyProperty();
    }

    public Viewport viewport() {
        return viewport.get();
    }

    public ReadOnlyBooleanProperty followingLiveProperty() {
        return followingLive.getReadOnlyProperty();
    }

    /** How many pixel columns the time axis has: the index is aggregated to this many buckets. */
    public void setColumns(int columns) {
        this.columns = Math.max(1, columns);
    }

    /** The widest window: the oldest footage plus a margin, at most 30 days, at least a minute. */
    public Duration maxSpan() {
        Duration reach = oldest.map(t -> Duration.between(t, now())).orElse(EMPTY_SPAN);
        Duration withMargin = reach.plus(margin(reach));
        return clamp(withMargin, MIN_SPAN, MAX_SPAN);
    }

    private static Duration margin(Duration reach) {
        Duration tenth = reach.dividedBy(10);
        return tenth.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : tenth;
    }

    /** Zooms by {@code factor} (&lt; 1 zooms in) keeping the instant at {@code anchor} (0..1 across) in place. */
    public void zoom(double factor, double anchor) {
        Viewport v = viewport.get();
        double a = Math.max(0, Math.min(1, anchor));
        Instant pivot = v.at(a);
        Duration span = clamp(Duration.ofMillis(Math.round(v.span().toMillis() * factor)), MIN_SPAN, maxSpan());
        boolean follow = followingLive.get() && a >= 0.5;
        Instant start = pivot.minusMillis(Math.round(a * span.toMillis()));
        if (place(start, span, follow)) {
            refresh();
        }
    }

    /** Zooms in around the focused item, or the playhead, or the centre. */
    public void zoomIn() {
        zoom(0.5, keyboardAnchor());
    }

    public void zoomOut() {
        zoom(2, keyboardAnchor());
    }

    private double keyboardAnchor() {
        Viewport v = viewport.get();
        Instant at = focused.get() != null ? focused.get().start() : playhead.get();
        if (at == null) {
            return followingLive.get() ? 1 : 0.5;
        }
        return Math.max(0, Math.min(1, v.fraction(at)));
    }

    /** Moves the window by {@code fraction} of its width (positive: later). */
    public void pan(double fraction) {
        Viewport v = viewport.get();
        if (place(v.start().plusMillis(Math.round(fraction * v.span().toMillis())), v.span(), false)) {
            refresh();
        }
    }

    /**
     * Keeps the window within the footage: its start no earlier than the oldest footage minus the margin, its end
     * no later than just after now; a window that reaches now follows it. Returns whether the window changed.
     */
    private boolean place(Instant start, Duration span, boolean follow) {
        Instant liveEnd = liveEnd(span);
        Instant earliest = oldest.map(t -> t.minus(margin(Duration.between(t, now())))).orElse(liveEnd.minus(maxSpan()));
        if (start.isBefore(earliest)) {
            start = earliest;
        }
        boolean reachesNow = !start.plus(span).isBefore(liveEnd);
        if (follow || reachesNow) {
            start = liveEnd.minus(span);
        }
        followingLive.set(follow || reachesNow);
        Viewport next = new Viewport(start, span);
        if (next.equals(viewport.get())) {
            return false;
        }
        viewport.set(next);
        return true;
    }

    /** Where the window ends while it follows now: a little past now, so the now cursor stays in sight. */
    private Instant liveEnd(Duration span) {
        return now().plusMillis(span.toMillis() / 50);
    }

    /**
     * Slides the window along with now while it follows; true when it moved. It does not load: the data of a live
     * window is reloaded every few seconds by the shell, not on every animation frame.
     */
    public boolean followNow() {
        if (!followingLive.get()) {
            return false;
        }
        Viewport before = viewport.get();
        // slide by whole pixels only: a redraw for a sub-pixel move would show nothing new
        long pixelMs = Math.max(1, before.span().toMillis() / columns);
        Instant target = liveEnd(before.span()).minus(before.span());
        if (Math.abs(target.toEpochMilli() - before.start().toEpochMilli()) < pixelMs) {
            return false;
        }
        return place(before.start(), before.span(), true);
    }

    // ---- data

    /** Shows the kept clips of each loaded window as a band on their camera's lane. */
    public void showKept(java.util.function.BiFunction<Instant, Instant,
            List<org.doorstep.usecase.keep.KeptClips.Kept>> source) {
        this.keptSource = source;
    }

    /** The kept clips overlapping the loaded window. */
    public ReadOnlyObjectProperty<List<org.doorstep.usecase.keep.KeptClips.Kept>> keptProperty() {
        return kept.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TimelineService.Overview> overviewProperty() {
        return overview.getReadOnlyProperty();
    }

    /** A sentence when the index could not be read, else null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /**
     * Loads the visible window aggregated to the column count; returns false when a load is already running (that
     * one is then followed by another, for the window as it is when it ends).
     */
    public boolean refresh() {
        if (!loading.compareAndSet(false, true)) {
            loadAgain.set(true);
            return false;
        }
        Viewport v = viewport.get();
        int width = columns;
        try {
            executors.background().execute(() -> load(v, width));
        } catch (RejectedExecutionException closing) {
            // the window is closing and its pool with it: nothing left to show the data in
            loading.set(false);
            return false;
        }
        return true;
    }

    private void load(Viewport v, int width) {
        try {
            Optional<Instant> first = timeline.oldest();
            TimelineService.Overview loaded = timeline.overview(v.start(), v.end(), width);
            List<org.doorstep.usecase.keep.KeptClips.Kept> held = List.copyOf(keptSource.apply(v.start(), v.end()));
            executors.fx().execute(() -> {
                oldest = first;
                kept.set(held);
                overview.set(loaded);
                problem.set(null);
                itemsFrom(loaded);
            });
        } catch (RuntimeException e) {
            String sentence = Sentences.of(e);
            executors.fx().execute(() -> problem.set(sentence));
        } finally {
            loading.set(false);
            if (loadAgain.getAndSet(false)) {
                executors.fx().execute(this::refresh);
            }
        }
    }


    private void itemsFrom(TimelineService.Overview loaded) {
        List<Item> found = new ArrayList<>();
        List<TimelineService.Lane> lanes = loaded.lanes();
        for (int i = 0; i < lanes.size(); i++) {
            TimelineService.Lane lane = lanes.get(i);
            for (TimelineQuery.Cluster c : lane.track().clusters()) {
                found.add(new Item(i, lane.camera(), c.first(), c.first(), c, null));
            }
            for (TimelineQuery.GapRun g : lane.track().gaps()) {
                found.add(new Item(i, lane.camera(), g.start(), g.end(), null, g));
            }
        }
        found.sort(Comparator.comparing(Item::start).thenComparingInt(Item::lane));
        items = List.copyOf(found);
        Item f = focused.get();
        if (f != null) {
            // keep the focus on the same thing when the data is reloaded
            focused.set(items.stream().filter(i -> i.lane() == f.lane() && i.isGap() == f.isGap()
                    && i.start().equals(f.start())).findFirst().orElse(null));
        }
    }

    /** Everything one can point at or focus in the loaded window, by time. */
    public List<Item> items() {
        return items;
    }

    // ---- playhead, play, scrub, selection

    public ReadOnlyObjectProperty<Instant> playheadProperty() {
        return playhead.getReadOnlyProperty();
    }

    /** The player moved: the playhead follows it. */
    public void setPlayhead(Instant t) {
        playhead.set(t);
    }

    /** Plays from {@code t}: the playhead goes there and the shell is told. */
    public void play(Instant t) {
        playhead.set(t);
        onPlay.accept(t);
    }

    /** The playhead is being dragged to {@code t}. */
    public void scrub(Instant t) {
        playhead.set(t);
        onScrub.accept(t);
    }

    public ReadOnlyObjectProperty<Selection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    /** The range being dragged out, drawn while the mouse moves; {@link #finishSelection} tells the shell. */
    public void select(Instant a, Instant b) {
        selection.set(a.isBefore(b) ? new Selection(a, b) : new Selection(b, a));
    }

    public void finishSelection() {
        Selection s = selection.get();
        if (s != null && s.from().isBefore(s.to())) {
            onSelection.accept(s.from(), s.to());
        } else {
            selection.set(null);
        }
    }

    public void clearSelection() {
        selection.set(null);
    }

    // ---- hover and focus: the same information either way

    /** What the pointer or focus shows: an item, or null. */
    public ReadOnlyObjectProperty<Item> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Item> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    /** The sentence for what is shown (gap reason, events and their time), or null. */
    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    /** The JPEG thumbnail of the shown cluster's strongest event, once loaded, else null. */
    public ReadOnlyObjectProperty<byte[]> thumbnailProperty() {
        return thumbnail.getReadOnlyProperty();
    }

    /**
     * The pointer is over lane {@code lane} at {@code t}; a marker within {@code tolerance} of it wins over a gap
     * under it. Returns what is now shown, or null.
     */
    public Item hover(int lane, Instant t, Duration tolerance) {
        Item best = null;
        long bestDistance = Long.MAX_VALUE;
        for (Item i : items) {
            if (i.lane() != lane) {
                continue;
            }
            if (!i.isGap()) {
                long d = Math.abs(i.start().toEpochMilli() - t.toEpochMilli());
                if (d <= tolerance.toMillis() && d < bestDistance) {
                    best = i;
                    bestDistance = d;
                }
            } else if (bestDistance == Long.MAX_VALUE && !t.isBefore(i.start())
                    && (i.end() == null || t.isBefore(i.end()))) {
                best = i;
            }
        }
        show(best);
        return best;
    }

    /** The pointer left: the focused item (if any) is shown again. */
    public void clearHover() {
        show(focused.get());
    }

    /** Moves the focus to the next item later in time (wrapping to the first); false when there is none. */
    public boolean focusNext() {
        return moveFocus(1);
    }

    public boolean focusPrevious() {
        return moveFocus(-1);
    }

    private boolean moveFocus(int step) {
        if (items.isEmpty()) {
            return false;
        }
        int at = focused.get() == null ? -1 : items.indexOf(focused.get());
        int next = at < 0 ? (step > 0 ? 0 : items.size() - 1) : Math.floorMod(at + step, items.size());
        Item item = items.get(next);
        focused.set(item);
        show(item);
        return true;
    }

    /** Enter: plays from the focused item's start. */
    public boolean playFocused() {
        Item f = focused.get();
        if (f == null) {
            return false;
        }
        play(f.start());
        return true;
    }

    private void show(Item item) {
        if (item == shown.get() && item != null) {
            return;
        }
        shown.set(item);
        info.set(item == null ? null : describe(item));
        thumbnail.set(null);
        if (item != null && !item.isGap()) {
            long eventId = item.cluster().strongestEventId();
            executors.background().execute(() -> {
                Optional<byte[]> jpeg;
                try {
                    jpeg = thumbnails.apply(eventId);
                } catch (RuntimeException e) {
                    // a thumbnail that cannot be read leaves the sentence alone
                    jpeg = Optional.empty();
                }
                byte[] bytes = jpeg.orElse(null);
                executors.fx().execute(() -> {
                    if (shown.get() == item) {
                        thumbnail.set(bytes);
                    }
                });
            });
        }
    }

    /** The sentence for an item, for the info box and screen readers. */
    public String describe(Item item) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern(text.get("timeline.format.time"), text.locale())
                .withZone(zone);
        if (item.isGap()) {
            TimelineQuery.GapRun g = item.gap();
            String reasonKey = "timeline.reason." + g.reason();
            String reason = text.has(reasonKey) ? text.get(reasonKey) : text.get("timeline.reason.other");
            return g.end() == null
                    ? text.get("timeline.gap.open", item.camera(), time.format(g.start()), reason)
                    : text.get("timeline.gap", item.camera(), time.format(g.start()), time.format(g.end()), reason);
        }
        TimelineQuery.Cluster c = item.cluster();
        String at = time.format(c.first());
        if (c.count() == 1) {
            return text.get("timeline.event." + c.strongestType(), item.camera(), at, c.maxScore());
        }
        return text.get("timeline.cluster", item.camera(), at, c.count(), c.rings(), c.motions(), c.cameraMotions());
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        if (max.compareTo(min) < 0) {
            max = min;
        }
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }
}
