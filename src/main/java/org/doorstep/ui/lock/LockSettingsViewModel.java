package org.doorstep.ui.lock;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.lock.AppLock;

/**
 * The lock's settings in the window: set, change or remove the password (the current one is asked when one is set),
 * the idle time, live video while locked, and how long the audit log is kept. Hashing takes a moment, so it runs in
 * the background; the fields are emptied after each try.
 */
public final class LockSettingsViewModel {
    private final AppLock lock;
    private final UiExecutors executors;
    private final Messages text;
    private final Runnable changed;
    private final ReadOnlyBooleanWrapper passwordSet = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    public final StringProperty current = new SimpleStringProperty("");
    public final StringProperty next = new SimpleStringProperty("");
    public final StringProperty repeat = new SimpleStringProperty("");
    public final StringProperty idleMinutes = new SimpleStringProperty("");
    public final BooleanProperty liveWhileLocked = new SimpleBooleanProperty();
    public final StringProperty auditDays = new SimpleStringProperty("");

    /** @param changed told (on the JavaFX thread) after the password or options changed, so the lock screen follows */
    public LockSettingsViewModel(AppLock lock, UiExecutors executors, Messages text, Runnable changed) {
        this.lock = lock;
        this.executors = executors;
        this.text = text;
        this.changed = changed;
        load();
    }

    public ReadOnlyBooleanProperty passwordSetProperty() { return passwordSet.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    public void load() {
        AppLock.Options o = lock.options();
        passwordSet.set(lock.enabled());
        idleMinutes.set(Integer.toString(o.idleMinutes()));
        liveWhileLocked.set(o.liveWhileLocked());
        auditDays.set(Integer.toString(o.auditRetentionDays()));
    }

    /** Sets or changes the password; the new one typed twice. */
    public void savePassword() {
        char[] now = current.get().toCharArray();
        char[] wanted = next.get().toCharArray();
        boolean same = next.get().equals(repeat.get());
        clearFields();
        if (!same) {
            problem.set(text.get("cli.mismatch"));
            return;
        }
        boolean was = passwordSet.get();
        run(() -> lock.set(was ? now : null, wanted), was ? "cli.changed" : "cli.set");
    }

    /** Removes the lock (the current password is needed). */
    public void clearPassword() {
        char[] now = current.get().toCharArray();
        clearFields();
        run(() -> lock.clear(now), "cli.cleared");
    }

    /** Saves the idle time, live while locked and the audit retention. */
    public void saveOptions() {
        int idle;
        int days;
        try {
            idle = Integer.parseInt(idleMinutes.get().strip());
            days = Integer.parseInt(auditDays.get().strip());
        } catch (NumberFormatException e) {
            problem.set(text.get("ui.settings.number"));
            return;
        }
        boolean live = liveWhileLocked.get();
        run(() -> lock.saveOptions(new AppLock.Options(idle, live, days)), "cli.optionsSaved");
    }

    private void clearFields() {
        current.set("");
        next.set("");
        repeat.set("");
    }

    private void run(Runnable work, String doneKey) {
        busy.set(true);
        problem.set(null);
        message.set(null);
        executors.background().execute(() -> {
            try {
                work.run();
                executors.fx().execute(() -> {
                    busy.set(false);
                    load();
                    message.set(text.get(doneKey));
                    changed.run();
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
