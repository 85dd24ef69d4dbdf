package org.doorstep.ui.help;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.desktop.Uninstall;
import org.doorstep.usecase.erase.EraseResult;

/**
 * Help → "Uninstall Doorstep…": the tick box the package managers lack. With "Erase my recordings" ticked, erases
 * everything (progress, Cancel until the keys go) and shows the receipt; either way switches start at login off and
 * says how to remove the program on this computer. The data folder stays: it keeps the receipt.
 */
public final class UninstallViewModel {
    public final BooleanProperty eraseRecordings = new SimpleBooleanProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty done = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty step = new SimpleStringProperty("");
    private final StringProperty outcome = new SimpleStringProperty("");
    private final StringProperty preview = new SimpleStringProperty("");
    private final Uninstall uninstall;
    private final Path dataFolder;
    private final UiExecutors executors;
    private final Messages text;
    private final Messages eraseText;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public UninstallViewModel(Uninstall uninstall, Path dataFolder, UiExecutors executors, Messages text,
                              Messages eraseText) {
        this.uninstall = uninstall;
        this.dataFolder = dataFolder;
        this.executors = executors;
        this.text = text;
        this.eraseText = eraseText;
    }

    public String intro() {
        return text.get("uninstall.intro", dataFolder);
    }

    /** Counts what "Erase my recordings" would erase (in the background: it reads the index). */
    public void loadPreview() {
        executors.background().execute(() -> {
            String said;
            try {
                org.doorstep.usecase.erase.ErasePreview p = uninstall.preview();
                said = text.get("uninstall.preview", p.segments(), String.format("%.1f", p.hours()),
                        String.format("%.1f", p.bytes() / 1e6), p.events(), p.exports().size());
            } catch (RuntimeException e) {
                said = text.get("uninstall.failed", Sentences.of(e));
            }
            String shown = said;
            executors.fx().execute(() -> preview.set(shown));
        });
    }

    /** What ticking the box would erase, once {@link #loadPreview()} has counted it. */
    public ReadOnlyStringProperty preview() {
        return preview;
    }

    /** Erases (when ticked), switches start at login off, and says the next step; once. */
    public void run() {
        if (running.get() || done.get()) {
            return;
        }
        running.set(true);
        cancelled.set(false);
        outcome.set("");
        boolean erase = eraseRecordings.get();
        executors.background().execute(() -> {
            String said;
            boolean finished = false;
            try {
                Uninstall.Outcome o = uninstall.run(erase, (s, fraction) -> executors.fx().execute(() -> {
                    progress.set(fraction);
                    step.set(eraseText.get("step." + s.name()));
                }), cancelled::get, text);
                said = describe(o);
                finished = true;
            } catch (CancellationException e) {
                said = text.get("uninstall.cancelled");
            } catch (RuntimeException e) {
                said = text.get("uninstall.failed", Sentences.of(e));
            }
            String shown = said;
            boolean completed = finished;
            executors.fx().execute(() -> {
                outcome.set(shown);
                running.set(false);
                done.set(completed);
            });
        });
    }

    /** Stops an erase that has not reached its keys step (after it, the erase completes first). */
    public void cancel() {
        cancelled.set(true);
    }

    private String describe(Uninstall.Outcome o) {
        StringBuilder s = new StringBuilder();
        if (o.erased().isPresent()) {
            EraseResult r = o.erased().get();
            s.append(text.get("uninstall.receipt", r.segments(), r.events(), r.thumbnails(), r.bytes(),
                    r.keysDestroyed(), r.receiptId()));
        } else {
            s.append(text.get("uninstall.kept", dataFolder));
        }
        if (o.startAtLoginOff()) {
            s.append('\n').append(text.get("uninstall.autostartOff"));
        }
        s.append('\n').append(text.get("uninstall.quitFirst")).append('\n').append(o.removal());
        return s.toString();
    }

    public ReadOnlyBooleanProperty running() {
        return running;
    }

    public ReadOnlyBooleanProperty done() {
        return done;
    }

    public ReadOnlyDoubleProperty progress() {
        return progress;
    }

    public ReadOnlyStringProperty step() {
        return step;
    }

    public ReadOnlyStringProperty outcome() {
        return outcome;
    }
}
