package org.doorstep.ui.keep;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.keep.KeptClips;

/**
 * "Keep" for one range of one camera (a timeline selection, the player's moment) or one event: asks for a reason and
 * a review date, then keeps it through {@link KeptClips} in the background.
 */
public final class KeepViewModel {
    /** The review date offered first: a month gives the police or an insurer time to ask for it. */
    static final int DEFAULT_REVIEW_DAYS = 30;

    private final KeptClips keep;
    private final UiExecutors executors;
    private final Messages text;
    private final ZoneId zone;
    private final String camera;
    private final Instant from;
    private final Instant to;
    private final Long eventId;
    private final StringProperty reason = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> reviewOn;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<KeptClips.Kept> kept = new ReadOnlyObjectWrapper<>();
    private Consumer<KeptClips.Kept> onKept = k -> { };

    private KeepViewModel(KeptClips keep, UiExecutors executors, Messages text, ZoneId zone, Clock clock,
                          String camera, Instant from, Instant to, Long eventId) {
        this.keep = keep;
        this.executors = executors;
        this.text = text;
        this.zone = zone;
        this.camera = camera;
        this.from = from;
        this.to = to;
        this.eventId = eventId;
        this.reviewOn = new SimpleObjectProperty<>(LocalDate.ofInstant(clock.instant(), zone)
                .plusDays(DEFAULT_REVIEW_DAYS));
    }

    /** Keeps [from, to) of {@code camera}. */
    public static KeepViewModel range(KeptClips keep, UiExecutors executors, Messages text, ZoneId zone, Clock clock,
                                      String camera, Instant from, Instant to) {
        return new KeepViewModel(keep, executors, text, zone, clock, camera, from, to, null);
    }

    /** Keeps an event's clip; {@code from}/{@code to} are only shown (the use case takes the event's own range). */
    public static KeepViewModel event(KeptClips keep, UiExecutors executors, Messages text, ZoneId zone, Clock clock,
                                      long eventId, String camera, Instant from, Instant to) {
        return new KeepViewModel(keep, executors, text, zone, clock, camera, from, to, eventId);
    }

    public Messages text() {
        return text;
    }

    /** "Keep Porch, 27.11.26 08:00:00 to 08:05:00". */
    public String header() {
        DateTimeFormatter start = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM)
                .withLocale(text.locale()).withZone(zone);
        DateTimeFormatter end = DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withLocale(text.locale())
                .withZone(zone);
        return text.get("keep.dialog.header", camera, start.format(from), end.format(to));
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public ObjectProperty<LocalDate> reviewOnProperty() {
        return reviewOn;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The kept clip once it is stored. */
    public ReadOnlyObjectProperty<KeptClips.Kept> keptProperty() {
        return kept.getReadOnlyProperty();
    }

    /** Called on the JavaFX thread once the clip is kept (the shell refreshes the timeline and the kept list). */
    public void onKept(Consumer<KeptClips.Kept> listener) {
        this.onKept = listener;
    }

    /** Keeps the clip in the background; a refusal (no reason, a past date) arrives as a sentence. */
    public void keep() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        problem.set(null);
        String why = reason.get();
        LocalDate review = reviewOn.get();
        executors.background().execute(() -> {
            try {
                KeptClips.Kept k = eventId != null ? keep.keepEvent(eventId, why, review)
                        : keep.keep(camera, from, to, why, review);
                executors.fx().execute(() -> {
                    busy.set(false);
                    kept.set(k);
                    onKept.accept(k);
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> {
                    busy.set(false);
                    problem.set(sentence);
                });
            }
        });
    }
}
