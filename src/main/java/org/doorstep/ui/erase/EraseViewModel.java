package org.doorstep.ui.erase;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.erase.Erase;
import org.doorstep.usecase.erase.ErasePreview;
import org.doorstep.usecase.erase.EraseProgress;
import org.doorstep.usecase.erase.EraseResult;
import org.doorstep.usecase.erase.EraseScope;

/**
 * One erase in the window: the confirmation text (what goes: counts, hours, size, and the exports Doorstep wrote, each
 * of which can be kept), then progress with cancel (until the keys step), then the receipt.
 */
public final class EraseViewModel {
    private final Erase erase;
    private final EraseScope scope;
    private final UiExecutors executors;
    private final Messages text;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper();
    private final ObservableList<ErasePreview.Export> exports = FXCollections.observableArrayList();
    private final ObservableSet<Long> keptExports = FXCollections.observableSet(new HashSet<>());
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper cancellable = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper nothing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper receipt = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<EraseResult> result = new ReadOnlyObjectWrapper<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public EraseViewModel(Erase erase, EraseScope scope, UiExecutors executors, Messages text) {
        this.erase = erase;
        this.scope = scope;
        this.executors = executors;
        this.text = text;
    }

    /** The confirmation sentence: what goes, before anything goes. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    /** Exports Doorstep wrote of this footage; erased unless their id is in {@link #keptExports()}. */
    public ObservableList<ErasePreview.Export> exports() { return exports; }
    public ObservableSet<Long> keptExports() { return keptExports; }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty stepProperty() { return step.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** False once the keys are being destroyed: from then on the erase completes. */
    public ReadOnlyBooleanProperty cancellableProperty() { return cancellable.getReadOnlyProperty(); }
    /** True when the scope holds nothing to erase. */
    public ReadOnlyBooleanProperty nothingProperty() { return nothing.getReadOnlyProperty(); }
    /** The receipt sentence once the erase is done. */
    public ReadOnlyStringProperty receiptProperty() { return receipt.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<EraseResult> resultProperty() { return result.getReadOnlyProperty(); }

    /** Reads what the scope covers, in the background. */
    public void load() {
        executors.background().execute(() -> {
            try {
                ErasePreview p = erase.preview(scope);
                String sentence = text.get("erase.summary", String.join(", ", p.cameras()), p.segments(),
                        String.format(text.locale(), "%.1f", p.hours()), megabytes(p.bytes()), p.events(), p.thumbnails())
                        + (p.keptClips() > 0 ? " " + org.doorstep.common.Messages.of("keep", text.locale())
                                .get("keep.erase.includes", p.keptClips()) : "");
                executors.fx().execute(() -> {
                    summary.set(sentence);
                    exports.setAll(p.exports());
                    nothing.set(p.empty() && p.keptClips() == 0);
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
    }

    /** Erases in the background, reporting progress; the receipt (or a sentence) arrives on the JavaFX thread. */
    public void start() {
        if (running.get()) {
            return;
        }
        running.set(true);
        problem.set(null);
        cancelled.set(false);
        Set<Long> keep = Set.copyOf(keptExports);
        executors.background().execute(() -> {
            try {
                EraseResult r = erase.run(scope, keep, this::onProgress, cancelled::get);
                String sentence = text.get("erase.receipt", r.receiptId(), r.segments(), r.events(), r.thumbnails(),
                        megabytes(r.bytes()), r.keysDestroyed());
                executors.fx().execute(() -> {
                    running.set(false);
                    progress.set(1);
                    result.set(r);
                    receipt.set(sentence);
                });
            } catch (CancellationException e) {
                executors.fx().execute(() -> {
                    running.set(false);
                    progress.set(0);
                    step.set(text.get("erase.cancelled"));
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> {
                    running.set(false);
                    problem.set(sentence);
                });
            }
        });
    }

    /** Asks the erase to stop; honoured only before the keys step. */
    public void cancel() {
        cancelled.set(true);
    }

    private void onProgress(EraseProgress.Step s, double fraction) {
        String label = text.get("erase.step." + s.name());
        boolean canCancel = s.ordinal() < EraseProgress.Step.KEYS.ordinal();
        executors.fx().execute(() -> {
            progress.set(fraction);
            step.set(label);
            cancellable.set(canCancel);
        });
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1e6);
    }

    List<ErasePreview.Export> exportList() {
        return List.copyOf(exports);
    }
}
