package org.doorstep.usecase.lock;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.privacy.PasswordHasher;
import org.doorstep.store.AccessSettings;
import org.doorstep.store.AccessSettingsStore;
import org.doorstep.usecase.audit.Audit;

/**
 * The app lock, one per process, shared by the window and the command line: with a password set, playback,
 * export, erase and settings need it; live video may stay visible (the owner's choice); recording goes on whatever
 * the lock does. A process starts locked when a password is set (a restart must not open the lock), the window
 * locks itself after the idle time and on "Lock now", and the command line unlocks only for the one command.
 *
 * <p>The use cases guard themselves ({@link #require}): a face that forgot to ask still cannot show footage.
 * The password is kept only as a slow hash ({@link PasswordHasher}); {@link #reset} is for a forgotten password and
 * erases every recording first, so a reset opens nothing to whoever sits at the computer.
 *
 * <p>People ({@link #people()}) may unlock with their own PIN instead ({@link #unlockAs}); the audit log then names
 * them until the lock engages again, and staff get only {@link #STAFF_MAY}. A command carried out for another
 * process puts the window's {@link Session} back afterwards ({@link #restore}).
 */
public final class AppLock {
    /**
     * What a person may want to do; all but {@link #LIVE} need the password (or a PIN) while locked. Staff unlocked
     * by PIN may do {@link #STAFF_MAY}; the rest needs an owner. {@link #ACCESS_REQUEST} is an export for an access
     * request (third parties blurred), which hands footage of people to someone outside.
     */
    public enum Access { LIVE, PLAYBACK, EXPORT, ERASE, SETTINGS, ACCESS_REQUEST }

    /** What staff may do: watch live and recordings, review events, export a quick clip. */
    public static final java.util.Set<Access> STAFF_MAY = java.util.EnumSet.of(Access.LIVE, Access.PLAYBACK,
            Access.EXPORT);

    /** Whether the lock is engaged and who is unlocked ({@code person} null: the lock password, or no lock). */
    public record Session(boolean locked, Audit.Person person) {}

    /** The lock's options; {@code idleMinutes} 0 locks only on "Lock now". */
    public record Options(int idleMinutes, boolean liveWhileLocked, int auditRetentionDays) {}

    /** Erases all recordings, keys first; given by the app (Erase itself asks this lock). Answers the receipt. */
    @FunctionalInterface
    public interface EverythingEraser {
        String eraseEverything();
    }

    /** Refused because the app is locked: the message says what needs the password. */
    public static final class LockedException extends UserException {
        public LockedException(String message) {
            super(message, EXIT_LOCKED);
        }
    }

    /** The exit code of a command refused by the lock. */
    public static final int EXIT_LOCKED = 4;

    private final AccessSettingsStore store;
    private final PasswordHasher hasher;
    private final Audit audit;
    private final EverythingEraser eraser;
    private final Clock clock;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private AccessSettings settings;
    private boolean locked;
    /** Who unlocked with a PIN; null while locked or when the lock password opened it. */
    private Audit.Person unlockedAs;
    private final People people;
    /** While a reset erases everything: the erase may run although the app is locked. */
    private boolean resetting;
    private Instant lastActivity;

    public AppLock(AccessSettingsStore store, PasswordHasher hasher, Audit audit, EverythingEraser eraser, Clock clock)
            throws IOException {
        this(store, hasher, audit, eraser, clock, null);
    }

    /** @param persons who may unlock with a PIN (null: no people, only the lock password) */
    public AppLock(AccessSettingsStore store, PasswordHasher hasher, Audit audit, EverythingEraser eraser, Clock clock,
                   org.doorstep.store.PersonRepository persons) throws IOException {
        this.people = new People(persons, hasher, audit, clock, this);
        this.store = store;
        this.hasher = hasher;
        this.audit = audit;
        this.eraser = eraser;
        this.clock = clock;
        this.settings = store.load();
        this.locked = settings.lock() != null;
        this.lastActivity = clock.instant();
    }

    /** Whether a password is set. */
    public synchronized boolean enabled() {
        return settings.lock() != null;
    }

    public synchronized boolean locked() {
        return locked;
    }

    public synchronized Options options() {
        return new Options(settings.idleMinutes(), settings.liveWhileLocked(), settings.auditRetentionDays());
    }

    /** The people who may unlock with a PIN. */
    public People people() {
        return people;
    }

    /** Whether {@code access} is open now: unlocked, and by the lock password, an owner, or staff for what staff may. */
    public synchronized boolean allows(Access access) {
        if (settings.lock() == null) {
            return true; // no lock: nobody to tell apart
        }
        if (!locked) {
            return unlockedAs == null || !People.Role.STAFF.id().equals(unlockedAs.role()) || STAFF_MAY.contains(access);
        }
        return access == Access.LIVE && settings.liveWhileLocked() || access == Access.ERASE && resetting;
    }

    /** Refuses {@code access} with a sentence while it needs the password, or an owner where staff is unlocked. */
    public void require(Access access) {
        if (!allows(access)) {
            String key = access.name().toLowerCase(java.util.Locale.ROOT);
            if (locked()) {
                throw new LockedException(Messages.of("lock").get("locked." + key));
            }
            Messages m = Messages.of("people");
            Audit.Person who = unlockedPerson();
            throw new LockedException(m.get("refused", who == null ? "?" : who.name(), m.get("what." + key)));
        }
    }

    /**
     * Refuses with a sentence unless the lock password or an owner's PIN unlocked the app: managing people needs an
     * owner. Without a lock password there is nobody to manage ({@code what} names the action).
     */
    void requireOwner(String what) {
        Messages m = Messages.of("people");
        if (!enabled()) {
            throw new org.doorstep.common.UserException(m.get("error.noLock"), org.doorstep.common.UserException.EXIT_USAGE);
        }
        Audit.Person who;
        synchronized (this) {
            if (locked) {
                throw new LockedException(m.get("locked.owner", what));
            }
            who = unlockedAs;
        }
        if (who != null && !People.Role.OWNER.id().equals(who.role())) {
            throw new LockedException(m.get("refused", who.name(), what));
        }
    }

    /** Who is unlocked with a PIN now ("Anna", "staff"); null while locked, or opened by the lock password. */
    public synchronized Audit.Person unlockedPerson() {
        return locked ? null : unlockedAs;
    }

    /** The lock's state and who is unlocked, to put back after a command carried out for another process. */
    public synchronized Session session() {
        return new Session(locked, unlockedAs);
    }

    /**
     * Puts the lock back as {@code before} was: locked again (noted as a lock), or unlocked as the person who was
     * (the window's session, which a command's password or PIN replaced for that one command) with the role they
     * have now. Never unlocks: a lock that engaged while the command ran stays.
     */
    public void restore(Session before) {
        if (before.locked()) {
            lockNow();
            return;
        }
        Audit.Person person = before.person();
        if (person != null && enabled()) {
            People.Role now = people.roleOf(person.name());
            if (now == null) {
                lockNow(); // the person was removed meanwhile: their session ends
                return;
            }
            person = new Audit.Person(person.name(), now.id()); // a role changed meanwhile counts from now
        }
        boolean changed;
        synchronized (this) {
            if (locked) {
                return; // it locked while the command ran (idle time, a wrong PIN, "lock now"): it stays locked
            }
            changed = !java.util.Objects.equals(unlockedAs, person);
            if (changed) {
                locked = false;
                unlockedAs = person;
            }
        }
        if (changed) {
            listeners.forEach(l -> l.accept(false));
        }
    }

    /** Locks at once ("Lock now"); nothing happens without a password. */
    public void lockNow() {
        lock("now");
    }

    /** Input in the window: the idle time starts again. */
    public synchronized void touch() {
        lastActivity = clock.instant();
    }

    /** Locks when the window has had no input for the idle time; answers whether it locked now. */
    public boolean lockIfIdle() {
        synchronized (this) {
            if (locked || settings.lock() == null || settings.idleMinutes() == 0
                    || Duration.between(lastActivity, clock.instant()).toMinutes() < settings.idleMinutes()) {
                return false;
            }
        }
        return lock("idle " + settings.idleMinutes() + " min");
    }

    private boolean lock(String why) {
        Audit.Person was;
        synchronized (this) {
            if (locked || settings.lock() == null) {
                return false;
            }
            locked = true;
            was = unlockedAs;
            unlockedAs = null;
        }
        audit.lockEvent(Audit.LOCKED, why, was);
        listeners.forEach(l -> l.accept(true));
        return true;
    }

    /**
     * Unlocks with {@code password} (wiped afterwards); a wrong one is noted in the audit log. Takes about a quarter
     * of a second on purpose (the slow hash).
     */
    public boolean unlock(char[] password) {
        AccessSettings.PasswordHash hash;
        synchronized (this) {
            // unlocked as staff by PIN, the password still counts: it opens what staff may not do
            if (!locked && unlockedAs == null || settings.lock() == null) {
                PasswordHasher.wipe(password);
                return true;
            }
            hash = settings.lock();
        }
        boolean ok;
        try {
            ok = hasher.matches(password, hash);
        } finally {
            PasswordHasher.wipe(password);
        }
        if (!ok) {
            audit.lockEvent(Audit.UNLOCK_FAILED, "wrong password");
            return false;
        }
        synchronized (this) {
            locked = false;
            unlockedAs = null;
            lastActivity = clock.instant();
        }
        audit.lockEvent(Audit.UNLOCKED, null);
        listeners.forEach(l -> l.accept(false));
        return true;
    }

    /**
     * Unlocks as {@code name} with their {@code pin} (wiped afterwards): the audit log then names them for everything
     * done until the lock engages again. A wrong PIN counts towards the lockout (see {@link People}); a locked-out
     * PIN is refused without being checked. Takes about a quarter of a second (the slow hash).
     */
    public People.Attempt unlockAs(String name, char[] pin) {
        if (!enabled()) {
            PasswordHasher.wipe(pin);
            return new People.Attempt(People.Outcome.UNKNOWN, null, 0, null);
        }
        People.Attempt a = people.verify(name, pin);
        if (!a.ok()) {
            String detail = switch (a.outcome()) {
                case UNKNOWN -> "PIN for an unknown person";
                case LOCKED_OUT -> "PIN refused: locked out after wrong PINs";
                default -> "wrong PIN" + (a.retryAt() == null ? ""
                        : ", locked out for " + Duration.between(clock.instant(), a.retryAt()).toSeconds() + " s");
            };
            audit.lockEvent(Audit.UNLOCK_FAILED, detail, a.person() == null ? null : a.person().asAudited());
            return a;
        }
        synchronized (this) {
            locked = false;
            unlockedAs = a.person().asAudited();
            lastActivity = clock.instant();
        }
        audit.lockEvent(Audit.UNLOCKED, "PIN");
        listeners.forEach(l -> l.accept(false));
        return a;
    }

    /**
     * Sets or changes the password. With one set, {@code current} must match it. The new one must not be empty.
     * Both are wiped afterwards.
     */
    public void set(char[] current, char[] next) {
        Messages m = Messages.of("lock");
        try {
            if (next == null || next.length == 0) {
                throw new UserException(m.get("error.empty"), UserException.EXIT_USAGE);
            }
            checkCurrent(current, m);
            AccessSettings.PasswordHash hash = hasher.hash(next);
            boolean changed = enabled();
            save(settings().withLock(hash));
            audit.lockEvent(Audit.LOCK_SET, changed ? "password changed" : "password set");
        } finally {
            PasswordHasher.wipe(current);
            PasswordHasher.wipe(next);
        }
    }

    /** Removes the lock; {@code current} must match the password. */
    public void clear(char[] current) {
        Messages m = Messages.of("lock");
        try {
            if (!enabled()) {
                return;
            }
            checkCurrent(current, m);
            save(settings().withLock(null));
            synchronized (this) {
                locked = false;
                unlockedAs = null;
            }
            // people only unlock a lock: without one their PINs would wait for a lock set later, by anyone
            int removed = people.removeAll();
            audit.lockEvent(Audit.LOCK_CLEARED, removed == 0 ? null : "people with PINs removed: " + removed);
            listeners.forEach(l -> l.accept(false));
        } finally {
            PasswordHasher.wipe(current);
        }
    }

    /**
     * For a forgotten password: erases every recording (keys destroyed first, with a receipt), then removes the lock.
     * Without the erase a reset would hand all footage to whoever sits at the computer. Answers the erase's receipt.
     */
    public String reset() {
        synchronized (this) {
            resetting = true;
        }
        String receipt;
        try {
            receipt = eraser.eraseEverything();
        } finally {
            synchronized (this) {
                resetting = false;
            }
        }
        save(settings().withLock(null));
        synchronized (this) {
            locked = false;
            unlockedAs = null;
        }
        int removed = people.removeAll();
        audit.lockEvent(Audit.LOCK_RESET, "all recordings erased, receipt " + receipt
                + (removed == 0 ? "" : ", people with PINs removed: " + removed));
        listeners.forEach(l -> l.accept(false));
        return receipt;
    }

    /** Saves the lock's options and the audit retention; needs the app unlocked (they are settings). */
    public void saveOptions(Options next) {
        require(Access.SETTINGS);
        Messages m = Messages.of("lock");
        if (next.idleMinutes() < 0 || next.idleMinutes() > 24 * 60) {
            throw new UserException(m.get("error.idle"), UserException.EXIT_USAGE);
        }
        if (next.auditRetentionDays() < 1 || next.auditRetentionDays() > 3650) {
            throw new UserException(m.get("error.auditDays"), UserException.EXIT_USAGE);
        }
        Options before = options();
        save(settings().withChoices(next.idleMinutes(), next.liveWhileLocked(), next.auditRetentionDays()));
        if (before.idleMinutes() != next.idleMinutes()) {
            audit.privacySettingChanged(null, "lock idle minutes", "" + before.idleMinutes(), "" + next.idleMinutes());
        }
        if (before.liveWhileLocked() != next.liveWhileLocked()) {
            audit.privacySettingChanged(null, "live while locked", "" + before.liveWhileLocked(),
                    "" + next.liveWhileLocked());
        }
        if (before.auditRetentionDays() != next.auditRetentionDays()) {
            audit.privacySettingChanged(null, "audit retention days", "" + before.auditRetentionDays(),
                    "" + next.auditRetentionDays());
            audit.prune();
        }
    }

    /** Tells {@code listener} each time the lock engages (true) or opens (false), on the thread that did it. */
    public AutoCloseable onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void checkCurrent(char[] current, Messages m) {
        AccessSettings.PasswordHash hash = settings().lock();
        if (hash != null && (current == null || !hasher.matches(current, hash))) {
            audit.lockEvent(Audit.UNLOCK_FAILED, "wrong current password");
            throw new LockedException(m.get("error.wrongPassword"));
        }
    }

    private synchronized AccessSettings settings() {
        return settings;
    }

    private synchronized void save(AccessSettings next) {
        try {
            store.save(next);
        } catch (IOException e) {
            throw new UserException(Messages.of("lock").get("error.save", e.getMessage()));
        }
        settings = next;
    }
}
