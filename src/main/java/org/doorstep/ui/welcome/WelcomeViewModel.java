package org.doorstep.ui.welcome;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.doorstep.common.Messages;
import org.doorstep.store.OwnerInfo;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.demo.DemoDoorbell;
import org.doorstep.usecase.owner.OwnerController;

/**
 * The first-run page's state: what Doorstep keeps and where, "who records, and why" (household and shop presets,
 * skippable, editable later), and starting the demo doorbell. Finding and adding cameras are the shell's to open.
 */
public final class WelcomeViewModel {
    /** Starts the demo doorbell as a recording camera; the shell decides how (and stops it when the window closes). */
    @FunctionalInterface
    public interface DemoStarter {
        void start(DemoDoorbell.Rendering progress) throws Exception;
    }

    private final OwnerController owner;
    private final DemoStarter demo;
    private final UiExecutors executors;
    private final Messages text;
    private final String keeps;

    private final StringProperty ownerName = new SimpleStringProperty("");
    private final StringProperty contact = new SimpleStringProperty("");
    private final StringProperty purpose = new SimpleStringProperty("");
    private final StringProperty kind = new SimpleStringProperty("household");
    private final BooleanProperty askingOwner = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper ownerSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper demoStarting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper demoStatus = new ReadOnlyStringWrapper();

    public WelcomeViewModel(OwnerController owner, DemoStarter demo, UiExecutors executors, Locale locale,
            Duration defaultRetention, Path dataFolder) {
        this.owner = owner;
        this.demo = demo;
        this.executors = executors;
        this.text = Messages.of("welcome", locale);
        this.keeps = text.get("keeps", defaultRetention.toHours(), dataFolder.toString());
    }

    /** "Recordings stay on this computer only, 48 hours by default, in …" from the real default retention. */
    public String keeps() { return keeps; }
    public StringProperty ownerNameProperty() { return ownerName; }
    public StringProperty contactProperty() { return contact; }
    public StringProperty purposeProperty() { return purpose; }
    /** "household", "shop" or "other". */
    public StringProperty kindProperty() { return kind; }
    /** Whether the "who records" form is shown (never answered yet, or opened to edit). */
    public BooleanProperty askingOwnerProperty() { return askingOwner; }
    /** One line on what was answered, or that it was skipped. */
    public ReadOnlyStringProperty ownerSummaryProperty() { return ownerSummary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty demoStartingProperty() { return demoStarting.getReadOnlyProperty(); }
    public ReadOnlyStringProperty demoStatusProperty() { return demoStatus.getReadOnlyProperty(); }

    /** Reads what was answered before; asks when nothing was. */
    public void load() {
        executors.background().execute(() -> {
            try {
                var info = owner.current();
                executors.fx().execute(() -> {
                    info.ifPresent(this::fill);
                    askingOwner.set(info.isEmpty());
                    ownerSummary.set(summary(info.orElse(null)));
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> {
                    askingOwner.set(true);
                    problem.set(sentence);
                });
            }
        });
    }

    /** Fills the purpose from the household or shop preset (the owner may change it afterwards). */
    public void preset(String which) {
        kind.set(which);
        purpose.set(text.get("preset." + which + ".purpose"));
    }

    public void saveOwner() {
        String n = ownerName.get();
        String c = contact.get();
        String p = purpose.get();
        String k = kind.get();
        problem.set(null);
        executors.background().execute(() -> {
            try {
                OwnerInfo saved = owner.save(n, c, p, k);
                executors.fx().execute(() -> {
                    fill(saved);
                    askingOwner.set(false);
                    ownerSummary.set(summary(saved));
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
    }

    public void skipOwner() {
        problem.set(null);
        executors.background().execute(() -> {
            try {
                OwnerInfo kept = owner.skip();
                executors.fx().execute(() -> {
                    askingOwner.set(false);
                    ownerSummary.set(summary(kept));
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
    }

    /** Opens the "who records" form again to change it. */
    public void editOwner() {
        askingOwner.set(true);
    }

    /** Starts the demo doorbell; its first start renders the porch scene (progress in {@link #demoStatusProperty()}). */
    public void tryDemo() {
        if (demoStarting.get()) {
            return;
        }
        demoStarting.set(true);
        problem.set(null);
        demoStatus.set(text.get("demo.starting", 0));
        executors.background().execute(() -> {
            try {
                demo.start((done, total) -> {
                    int percent = total == 0 ? 100 : done * 100 / total;
                    executors.fx().execute(() -> demoStatus.set(text.get("demo.starting", percent)));
                });
                executors.fx().execute(() -> {
                    demoStarting.set(false);
                    demoStatus.set(text.get("demo.started"));
                });
            } catch (Exception e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> {
                    demoStarting.set(false);
                    demoStatus.set(null);
                    problem.set(sentence);
                });
            }
        });
    }

    private void fill(OwnerInfo info) {
        if (info.skipped()) {
            return;
        }
        ownerName.set(info.name());
        contact.set(info.contact());
        purpose.set(info.purpose());
        kind.set(info.kind());
    }

    private String summary(OwnerInfo info) {
        if (info == null) {
            return "";
        }
        return info.skipped() ? text.get("owner.skipped") : text.get("owner.summary", info.name(), info.purpose());
    }
}
