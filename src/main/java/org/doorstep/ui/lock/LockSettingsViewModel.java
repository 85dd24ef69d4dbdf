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
import org.doorstep.usecase.lock.People;

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
    // people with PINs (owner only; the use case refuses staff with a sentence, the view also greys it out)
    private final javafx.collections.ObservableList<People.Member> people =
            javafx.collections.FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper mayManagePeople = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper unlockedByPin = new ReadOnlyBooleanWrapper();
    private final Messages peopleText;
    public final StringProperty personName = new SimpleStringProperty("");
    public final javafx.beans.property.ObjectProperty<People.Role> personRole =
            new javafx.beans.property.SimpleObjectProperty<>(People.Role.STAFF);
    public final StringProperty personPin = new SimpleStringProperty("");
    /** The person chosen in the list (role change, new PIN, remove act on them). */
    public final javafx.beans.property.ObjectProperty<People.Member> selected =
            new javafx.beans.property.SimpleObjectProperty<>();
    public final StringProperty ownCurrentPin = new SimpleStringProperty("");
    public final StringProperty ownNewPin = new SimpleStringProperty("");

    /** @param changed told (on the JavaFX thread) after the password or options changed, so the lock screen follows */
    public LockSettingsViewModel(AppLock lock, UiExecutors executors, Messages text, Runnable changed) {
        this.lock = lock;
        this.executors = executors;
        this.text = text;
        this.changed = changed;
        this.peopleText = Messages.of("people", text.locale());
        load();
    }

    public ReadOnlyBooleanProperty passwordSetProperty() { return passwordSet.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    public javafx.collections.ObservableList<People.Member> people() { return people; }
    /** Whether people may be managed here: a lock set, and opened by the password or an owner's PIN. */
    public ReadOnlyBooleanProperty mayManagePeopleProperty() { return mayManagePeople.getReadOnlyProperty(); }
    /** Whether someone is unlocked by PIN (then "Change my PIN" is offered). */
    public ReadOnlyBooleanProperty unlockedByPinProperty() { return unlockedByPin.getReadOnlyProperty(); }

    /** "Anna (staff)", and "locked out until 10:05:00" after too many wrong PINs. */
    public String describe(People.Member m) {
        String role = peopleText.get("role." + m.role().id());
        String label = peopleText.get("person", m.name(), role);
        if (m.lockedUntil() != null && m.lockedUntil().isAfter(java.time.Instant.now())) {
            label += " — " + peopleText.get("ui.people.lockedOut", java.time.format.DateTimeFormatter
                    .ofPattern("HH:mm:ss").withZone(java.time.ZoneId.systemDefault()).format(m.lockedUntil()));
        }
        return label;
    }

    public void load() {
        AppLock.Options o = lock.options();
        passwordSet.set(lock.enabled());
        mayManagePeople.set(lock.enabled() && lock.allows(AppLock.Access.SETTINGS));
        unlockedByPin.set(lock.unlockedPerson() != null);
        executors.background().execute(() -> { // a database read: never on the JavaFX thread
            try {
                java.util.List<People.Member> read = lock.people().list();
                executors.fx().execute(() -> {
                    People.Member was = selected.get();
                    people.setAll(read);
                    selected.set(was == null ? null : read.stream().filter(m -> m.name().equals(was.name()))
                            .findFirst().orElse(null));
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
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

    /** Adds the person typed in with the chosen role and PIN. */
    public void addPerson() {
        String name = personName.get();
        People.Role role = personRole.get();
        char[] pin = personPin.get().toCharArray();
        personPin.set("");
        runPeople(() -> lock.people().add(name, role, pin), peopleText.get("ui.people.added", name.strip()),
                () -> personName.set(""));
    }

    /** Gives the chosen person the chosen role. */
    public void changeRole() {
        People.Member m = chosen();
        if (m == null) {
            return;
        }
        People.Role role = personRole.get();
        runPeople(() -> lock.people().changeRole(m.name(), role), peopleText.get("ui.people.roleChanged", m.name(),
                peopleText.get("role." + role.id())), () -> { });
    }

    /** Sets the PIN typed in for the chosen person (who forgot theirs, or is locked out). */
    public void resetPin() {
        People.Member m = chosen();
        char[] pin = personPin.get().toCharArray();
        personPin.set("");
        if (m == null) {
            java.util.Arrays.fill(pin, '\0');
            return;
        }
        runPeople(() -> lock.people().resetPin(m.name(), pin), peopleText.get("ui.people.pinChanged", m.name()),
                () -> { });
    }

    /** Removes the chosen person. */
    public void removePerson() {
        People.Member m = chosen();
        if (m == null) {
            return;
        }
        runPeople(() -> lock.people().remove(m.name()), peopleText.get("ui.people.removed", m.name()),
                () -> selected.set(null));
    }

    /** The person unlocked by PIN changes their own PIN (the current one first). */
    public void changeOwnPin() {
        char[] current = ownCurrentPin.get().toCharArray();
        char[] next = ownNewPin.get().toCharArray();
        ownCurrentPin.set("");
        ownNewPin.set("");
        org.doorstep.usecase.audit.Audit.Person me = lock.unlockedPerson();
        String name = me == null ? "" : me.name();
        runPeople(() -> lock.people().changeOwnPin(current, next), peopleText.get("ui.people.pinChanged", name),
                () -> { });
    }

    private People.Member chosen() {
        People.Member m = selected.get();
        if (m == null) {
            message.set(null);
            problem.set(peopleText.get("ui.people.choose"));
        }
        return m;
    }

    private void runPeople(Runnable work, String done, Runnable after) {
        busy.set(true);
        problem.set(null);
        message.set(null);
        executors.background().execute(() -> {
            try {
                work.run();
                executors.fx().execute(() -> {
                    busy.set(false);
                    load();
                    after.run();
                    message.set(done);
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
