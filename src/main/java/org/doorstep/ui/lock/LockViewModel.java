package org.doorstep.ui.lock;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.lock.AppLock;

/**
 * The window's side of the app lock: whether it is locked (the lock screen covers playback, events, export, erase and
 * settings), whether live video may stay, unlocking with the typed password or — having chosen a person — their PIN
 * (checked off the JavaFX thread: the slow hash takes a quarter second), who is unlocked ("Unlocked: Anna (staff)"),
 * "Lock now", and the idle time (input restarts it, {@link #checkIdle} locks).
 */
public final class LockViewModel implements AutoCloseable {
    private final AppLock lock;
    private final UiExecutors executors;
    private final Messages text;
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper liveAllowed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper enabled = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    /** What is typed in the password field (the password, or the chosen person's PIN); cleared after each try. */
    public final StringProperty password = new SimpleStringProperty("");
    /** The person chosen on the lock screen; null or empty: the lock password. */
    public final StringProperty person = new SimpleStringProperty();
    private final javafx.collections.ObservableList<org.doorstep.usecase.lock.People.Member> people =
            javafx.collections.FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper unlockedAs = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper unlockedTip = new ReadOnlyStringWrapper();
    private final Messages peopleText;
    private final AutoCloseable subscription;
    private javafx.beans.value.ObservableBooleanValue awake;

    public LockViewModel(AppLock lock, UiExecutors executors, Messages text) {
        this.lock = lock;
        this.executors = executors;
        this.text = text;
        this.peopleText = Messages.of("people", text.locale());
        refresh(lock.locked());
        // the lock may engage from another thread (idle check, a use case): follow it on the JavaFX thread
        this.subscription = lock.onChange(now -> executors.fx().execute(() -> refresh(now)));
    }

    /** Reads the lock again (its password or options changed in the settings). */
    public void reload() {
        refresh(lock.locked());
    }

    private void refresh(boolean now) {
        enabled.set(lock.enabled());
        liveAllowed.set(lock.options().liveWhileLocked());
        locked.set(now);
        org.doorstep.usecase.audit.Audit.Person who = lock.unlockedPerson();
        if (who != null) {
            String label = personLabel(who.name(), who.role());
            unlockedAs.set(peopleText.get("ui.unlockedAs", label));
            unlockedTip.set(peopleText.get("ui.unlockedAs.tip", label));
        } else {
            unlockedTip.set(peopleText.get("ui.unlockedByPassword.tip"));
            // with people about, say that the owner's password (not a PIN) is in use: the log names nobody now
            boolean byPassword = !now && lock.enabled() && !people.isEmpty();
            unlockedAs.set(byPassword ? peopleText.get("ui.unlockedByPassword") : null);
        }
        if (!now) {
            problem.set(null);
        } else {
            loadPeople();
        }
    }

    /** Reads the people to choose from (in the background: it is a database query). */
    public void loadPeople() {
        executors.background().execute(() -> {
            try {
                java.util.List<org.doorstep.usecase.lock.People.Member> read = lock.people().list();
                executors.fx().execute(() -> {
                    people.setAll(read);
                    if (person.get() != null && read.stream().noneMatch(p -> p.name().equals(person.get()))) {
                        person.set(null);
                    }
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
    }

    /** "Anna (staff)" in the window's language. */
    public String personLabel(String name, String role) {
        String r = peopleText.has("role." + role) ? peopleText.get("role." + role) : role;
        return peopleText.get("person", name, r);
    }

    /** The people who may unlock with a PIN, by name. */
    public javafx.collections.ObservableList<org.doorstep.usecase.lock.People.Member> people() {
        return people;
    }

    /** "Unlocked: Anna (staff)" while someone is unlocked by PIN; null otherwise. */
    public ReadOnlyStringProperty unlockedAsProperty() { return unlockedAs.getReadOnlyProperty(); }

    /** What the "Unlocked: …" text means for the audit log (its tooltip). */
    public ReadOnlyStringProperty unlockedTipProperty() { return unlockedTip.getReadOnlyProperty(); }

    /** The people bundle, for the view's words about PINs. */
    Messages peopleText() {
        return peopleText;
    }

    public ReadOnlyBooleanProperty lockedProperty() { return locked.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty liveAllowedProperty() { return liveAllowed.getReadOnlyProperty(); }
    /** Whether a lock password is set ("Lock now" is offered only then). */
    public ReadOnlyBooleanProperty enabledProperty() { return enabled.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    /** "Lock now" (button, Ctrl+L). */
    public void lockNow() {
        executors.background().execute(lock::lockNow);
    }

    /** Input in the window: the idle time starts again. */
    public void touch() {
        lock.touch();
    }

    /**
     * Counts {@code busy} (the player playing) as input: someone watching a recording without touching anything is
     * not away.
     */
    public void keepAwakeWhile(javafx.beans.value.ObservableBooleanValue busy) {
        this.awake = busy;
    }

    /** Locks when the idle time has passed without input. */
    public void checkIdle() {
        if (awake != null && awake.get()) {
            lock.touch();
            return;
        }
        executors.background().execute(lock::lockIfIdle);
    }

    /**
     * Tries the typed password, or the chosen person's PIN, in the background; a wrong one says so (for a PIN with
     * the tries left, or until when it is refused) and the field is emptied.
     */
    public void unlock() {
        if (busy.get()) {
            return;
        }
        char[] typed = password.get() == null ? new char[0] : password.get().toCharArray();
        String who = person.get() == null || person.get().isBlank() ? null : person.get();
        password.set("");
        busy.set(true);
        problem.set(null);
        executors.background().execute(() -> {
            try {
                String wrong;
                if (who == null) {
                    wrong = lock.unlock(typed) ? null : text.get("ui.wrong");
                } else {
                    org.doorstep.usecase.lock.People.Attempt a = lock.unlockAs(who, typed);
                    wrong = a.ok() ? null : org.doorstep.usecase.lock.People.sentence(a, peopleText);
                }
                executors.fx().execute(() -> {
                    busy.set(false);
                    if (wrong != null) {
                        problem.set(wrong);
                        loadPeople(); // a lockout shows in the list
                    }
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

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // removing a listener from a list does not fail
        }
    }
}
