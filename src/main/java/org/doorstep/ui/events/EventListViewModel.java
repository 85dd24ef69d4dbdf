package org.doorstep.ui.events;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.events.EventReview;
import org.doorstep.usecase.events.EventReview.Kind;

/**
 * The event list's state: one day's events (newest on top) under the kind and camera filters, how many are new
 * ("3 new (1 ring)" for the window's title), the "Review new" queue, and "go to a date and time". Playing and
 * exporting are the shell's business: this model only says what to play or export through the callbacks.
 */
public final class EventListViewModel {
    /** Plays {@code cameras} from {@code at} (the shell opens the player). */
    @FunctionalInterface
    public interface PlayRequest {
        void play(List<String> cameras, Instant at);
    }

    /** Exports {@code camera} from {@code from} to {@code to} (the shell opens the export dialog). */
    @FunctionalInterface
    public interface ExportRequest {
        void export(String camera, Instant from, Instant to);
    }

    private static final DateTimeFormatter TIME_INPUT = DateTimeFormatter.ofPattern("H:mm[:ss]");

    private final EventReview review;
    private final UiExecutors executors;
    private final Messages text;
    private final ZoneId zone;
    private final Clock clock;
    private final ObjectProperty<LocalDate> day = new SimpleObjectProperty<>();
    private final BooleanProperty motion = new SimpleBooleanProperty(true);
    private final BooleanProperty ring = new SimpleBooleanProperty(true);
    private final BooleanProperty cameraMotion = new SimpleBooleanProperty(true);
    /** The camera to show; null for all. */
    private final ObjectProperty<String> camera = new SimpleObjectProperty<>();
    private final ObservableList<String> cameras = FXCollections.observableArrayList();
    private final ObservableList<EventReview.Event> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper newSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<EventReview.Unreviewed> unreviewed =
            new ReadOnlyObjectWrapper<>(new EventReview.Unreviewed(0, 0));
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper reviewStatus = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<EventReview.Event> reviewing = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<EventReview.Calendar> calendar =
            new ReadOnlyObjectWrapper<>(new EventReview.Calendar(Set.of(), Set.of()));
    private final ReadOnlyStringWrapper goToProblem = new ReadOnlyStringWrapper();
    private final AtomicBoolean loading = new AtomicBoolean();
    /** A reload asked for while one was running: run once more, so a filter change is never lost. */
    private final AtomicBoolean again = new AtomicBoolean();
    private final Deque<EventReview.Event> queue = new ArrayDeque<>();
    private int queueTotal;
    private LocalDate today;
    private PlayRequest onPlay = (c, at) -> { };
    private ExportRequest onExport = (c, from, to) -> { };
    private java.util.function.LongConsumer onErase = id -> { };

    public EventListViewModel(EventReview review, UiExecutors executors, Messages text, ZoneId zone, Clock clock) {
        this.review = review;
        this.executors = executors;
        this.text = text;
        this.zone = zone;
        this.clock = clock;
        this.today = LocalDate.now(clock.withZone(zone));
        day.set(today);
        day.addListener((o, was, now) -> {
            reload();
            loadCalendar();
        });
        motion.addListener((o, was, now) -> reload());
        ring.addListener((o, was, now) -> reload());
        cameraMotion.addListener((o, was, now) -> reload());
        camera.addListener((o, was, now) -> reload());
    }

    public void onPlay(PlayRequest request) {
        this.onPlay = request;
    }

    public void onExport(ExportRequest request) {
        this.onExport = request;
    }

    /** What "Erase this event…" does: the shell opens the erase confirmation for the event's id. */
    public void onErase(java.util.function.LongConsumer request) {
        this.onErase = request;
    }

    public ObjectProperty<LocalDate> dayProperty() {
        return day;
    }

    public BooleanProperty motionProperty() {
        return motion;
    }

    public BooleanProperty ringProperty() {
        return ring;
    }

    public BooleanProperty cameraMotionProperty() {
        return cameraMotion;
    }

    public ObjectProperty<String> cameraProperty() {
        return camera;
    }

    /** The cameras one can filter by. */
    public ObservableList<String> cameras() {
        return cameras;
    }

    /** The shown day's events, newest first. */
    public ObservableList<EventReview.Event> items() {
        return items;
    }

    /** What the empty list says ("Nothing happened today."). */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    /** "3 new (1 ring)", or empty when nothing is new: for the window's title. */
    public ReadOnlyStringProperty newSummaryProperty() {
        return newSummary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EventReview.Unreviewed> unreviewedProperty() {
        return unreviewed.getReadOnlyProperty();
    }

    /** A sentence when the events could not be read, else null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** "Reviewing 2 of 5" while "Review new" runs, a closing sentence after. */
    public ReadOnlyStringProperty reviewStatusProperty() {
        return reviewStatus.getReadOnlyProperty();
    }

    /** The event "Review new" is playing; null when not reviewing. The shell calls {@link #next()} at its end. */
    public ReadOnlyObjectProperty<EventReview.Event> reviewingProperty() {
        return reviewing.getReadOnlyProperty();
    }

    /** Days with footage and days with rings, around the shown day, for the calendar. */
    public ReadOnlyObjectProperty<EventReview.Calendar> calendarProperty() {
        return calendar.getReadOnlyProperty();
    }

    /** Why "go to" could not play (no footage then, a time that is not one), else null. */
    public ReadOnlyStringProperty goToProblemProperty() {
        return goToProblem.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }

    /** The event's thumbnail JPEG; blocks on the index and the disk, so call it in the background. */
    public java.util.Optional<byte[]> thumbnail(long eventId) {
        return review.thumbnail(eventId);
    }

    UiExecutors executors() {
        return executors;
    }

    Messages text() {
        return text;
    }

    /**
     * Reads the shown day's events and the new-event counts again, in the background; called on the FX thread (the
     * window does every two seconds, so new events appear while one watches). Past midnight a list that showed
     * today moves on to the new today.
     */
    public void reload() {
        LocalDate now = LocalDate.now(clock.withZone(zone));
        if (!now.equals(today)) {
            boolean followed = today.equals(day.get());
            today = now;
            if (followed) {
                day.set(now); // its listener reloads
                return;
            }
        }
        if (!loading.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        LocalDate shown = day.get();
        EventReview.Filter filter = new EventReview.Filter(kinds(), camera.get());
        executors.background().execute(() -> {
            try {
                List<EventReview.Event> events = review.day(shown, zone, filter);
                EventReview.Unreviewed counts = review.unreviewed();
                List<String> names = review.cameraNames();
                executors.fx().execute(() -> show(shown, filter, events, counts, names));
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            } finally {
                loading.set(false);
                if (again.getAndSet(false)) {
                    executors.fx().execute(this::reload);
                }
            }
        });
    }

    private Set<Kind> kinds() {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        if (motion.get()) {
            kinds.add(Kind.MOTION);
        }
        if (ring.get()) {
            kinds.add(Kind.RING);
        }
        if (cameraMotion.get()) {
            kinds.add(Kind.CAMERA_MOTION);
        }
        return kinds;
    }

    private void show(LocalDate shown, EventReview.Filter filter, List<EventReview.Event> events,
                      EventReview.Unreviewed counts, List<String> names) {
        problem.set(null);
        if (!items.equals(events)) {
            items.setAll(events); // only on change: the list keeps its scroll position and selection otherwise
        }
        if (!cameras.equals(names)) {
            cameras.setAll(names);
        }
        boolean filtered = filter.camera() != null || filter.kinds().size() < Kind.values().length;
        emptyText.set(filtered ? text.get("events.empty.filtered")
                : shown.equals(today) ? text.get("events.empty.today")
                : text.get("events.empty.day", shown.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(text.locale()))));
        unreviewed.set(counts);
        newSummary.set(counts.events() == 0 ? "" : text.get("events.new", counts.events(), counts.rings()));
    }

    /** Plays an event from a few seconds before it, and counts it as seen. */
    public void play(EventReview.Event event) {
        onPlay.play(List.of(event.camera()), event.playFrom());
        markReviewed(event);
    }

    /** Exports an event with the same few seconds before and after that playing shows. */
    public void export(EventReview.Event event) {
        onExport.export(event.camera(), event.playFrom(), event.playTo());
    }

    /** Asks to erase one event (its clip range and thumbnail); the confirmation says what goes. */
    public void erase(EventReview.Event event) {
        onErase.accept(event.id());
    }

    /** Plays the new events one after another, the oldest first, each counted as seen when it starts. */
    public void reviewNew() {
        executors.background().execute(() -> {
            try {
                List<EventReview.Event> fresh = review.unreviewedOldestFirst();
                executors.fx().execute(() -> {
                    queue.clear();
                    queue.addAll(fresh);
                    queueTotal = fresh.size();
                    if (fresh.isEmpty()) {
                        reviewStatus.set(text.get("events.nothingNew"));
                    } else {
                        next();
                    }
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
    }

    /**
     * Plays the next event of "Review new"; the shell calls this when the player reaches the end of the one
     * playing. Returns false when there is none left (the review is over).
     */
    public boolean next() {
        EventReview.Event event = queue.poll();
        if (event == null) {
            boolean wasReviewing = reviewing.get() != null;
            reviewing.set(null);
            if (wasReviewing) {
                reviewStatus.set(text.get("events.reviewDone"));
            }
            return false;
        }
        reviewing.set(event);
        reviewStatus.set(text.get("events.reviewing", queueTotal - queue.size(), queueTotal));
        play(event);
        return true;
    }

    /** Ends "Review new" early. */
    public void stopReview() {
        queue.clear();
        reviewing.set(null);
        reviewStatus.set(null);
    }

    /** Counts every event up to now as seen. */
    public void markAllReviewed() {
        executors.background().execute(() -> {
            try {
                review.markAllReviewed();
                executors.fx().execute(this::reload);
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
    }

    private void markReviewed(EventReview.Event event) {
        if (event.reviewed()) {
            return;
        }
        executors.background().execute(() -> {
            try {
                review.markReviewed(event.id());
                executors.fx().execute(this::reload);
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
    }

    /** Reads which days around the shown one have footage and rings (a few weeks: what a calendar page shows). */
    public void loadCalendar() {
        LocalDate shown = day.get();
        LocalDate from = shown.minusDays(42).isBefore(today.minusDays(62)) ? shown.minusDays(42) : today.minusDays(62);
        LocalDate to = shown.plusDays(42);
        executors.background().execute(() -> {
            try {
                EventReview.Calendar days = review.calendar(from, to, zone);
                executors.fx().execute(() -> calendar.set(days));
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
    }

    /**
     * Plays every camera that recorded at {@code time} on the shown day (the camera filter narrows it); when none
     * did, {@link #goToProblemProperty()} says why.
     */
    public void goTo(String time) {
        LocalDate date = day.get();
        if (date == null) {
            goToProblem.set(text.get("events.goto.noDate"));
            return;
        }
        LocalTime clockTime;
        try {
            clockTime = LocalTime.parse(time == null ? "" : time.strip(), TIME_INPUT);
        } catch (DateTimeParseException e) {
            goToProblem.set(text.get("events.goto.badTime"));
            return;
        }
        Instant at = date.atTime(clockTime).atZone(zone).toInstant();
        String only = camera.get();
        executors.background().execute(() -> {
            try {
                EventReview.FootageAt footage = review.footageAt(at, only, text.locale());
                executors.fx().execute(() -> {
                    if (footage.recorded()) {
                        goToProblem.set(null);
                        onPlay.play(footage.cameras(), at);
                    } else {
                        goToProblem.set(footage.sentence());
                    }
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> goToProblem.set(sentence));
            }
        });
    }
}
