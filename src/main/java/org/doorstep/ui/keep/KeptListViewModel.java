package org.doorstep.ui.keep;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.keep.KeptClips;

/**
 * The "Kept" filter of the events area: every kept clip with its reason and review date, those due for review
 * marked, each released in one click; and the notice the window shows while reviews are due.
 */
public final class KeptListViewModel {
    private final KeptClips keep;
    private final UiExecutors executors;
    private final Messages text;
    private final ZoneId zone;
    private final ObservableList<KeptClips.Kept> items = FXCollections.observableArrayList();
    private final BooleanProperty shown = new SimpleBooleanProperty();
    private final ReadOnlyIntegerWrapper due = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private Consumer<KeptClips.Kept> onPlay = k -> { };
    private Runnable onChanged = () -> { };

    public KeptListViewModel(KeptClips keep, UiExecutors executors, Messages text, ZoneId zone) {
        this.keep = keep;
        this.executors = executors;
        this.text = text;
        this.zone = zone;
    }

    public Messages text() {
        return text;
    }

    public ObservableList<KeptClips.Kept> items() {
        return items;
    }

    /** Whether the events area shows the kept clips instead of the day's events (the "Kept" filter). */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** How many kept clips are due for review. */
    public ReadOnlyIntegerProperty dueProperty() {
        return due.getReadOnlyProperty();
    }

    /** "2 kept clips are due for review" while any is; empty otherwise. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What "Play" on a kept clip does: the shell plays its camera from its start. */
    public void onPlay(Consumer<KeptClips.Kept> listener) {
        this.onPlay = listener;
    }

    /** Called after a release (the shell redraws the timeline's band). */
    public void onChanged(Runnable listener) {
        this.onChanged = listener;
    }

    /** Reads the kept clips in the background. */
    public void reload() {
        executors.background().execute(() -> {
            try {
                List<KeptClips.Kept> all = keep.all();
                executors.fx().execute(() -> show(all));
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
    }

    private void show(List<KeptClips.Kept> all) {
        items.setAll(all);
        int n = (int) all.stream().filter(KeptClips.Kept::due).count();
        due.set(n);
        notice.set(n == 0 ? "" : text.get("keep.notice.due", n));
        problem.set(null);
    }

    /** Releases one kept clip in one click (no confirmation: releasing deletes nothing by itself). */
    public void release(KeptClips.Kept clip) {
        executors.background().execute(() -> {
            try {
                keep.release(clip.id());
                List<KeptClips.Kept> all = keep.all();
                executors.fx().execute(() -> {
                    show(all);
                    onChanged.run();
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
    }

    public void play(KeptClips.Kept clip) {
        onPlay.accept(clip);
    }

    /** "Porch, 27.11.26 08:00 to 08:05". */
    public String describe(KeptClips.Kept k) {
        DateTimeFormatter start = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM)
                .withLocale(text.locale()).withZone(zone);
        DateTimeFormatter end = DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withLocale(text.locale())
                .withZone(zone);
        return text.get("keep.list.row", k.camera(), start.format(k.from()), end.format(k.to()));
    }

    /** "review on 27.12.26", or that there is no review date. */
    public String review(KeptClips.Kept k) {
        return k.reviewOn() == null ? text.get("keep.list.noReview")
                : text.get("keep.list.review", DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT)
                        .withLocale(text.locale()).format(k.reviewOn()));
    }
}
