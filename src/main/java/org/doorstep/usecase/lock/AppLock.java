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
 */
public final class AppLock {
    /** What a person may want to do; all but {@link #LIVE} need the password while locked. */
    public enum Access { LIVE, PLAYBACK, EXPORT, ERASE, SETTINGS }

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
    /** While a reset erases everything: the erase may run although the app is locked. */
    private boolean resetting;
    private Instant lastActivity;

    public AppLock(AccessSettingsStore store, PasswordHasher hasher, Audit audit, EverythingEraser eraser, Clock clock)
            throws IOException {
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

    /** Whether {@code access} is open now. */
    public synchronized boolean allows(Access access) {
        if (!locked) {
            return true;
        }
        return access == Access.LIVE && settings.liveWhileLocked() || access == Access.ERASE && resetting;
    }

    /** Refuses {@code access} with a sentence while it needs the password. */
    public void require(Access access) {
        if (!allows(access)) {
            throw new LockedException(Messages.of("lock").get("locked." + access.name().toLowerCase()));
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
        synchronized (this) {
            if (locked || settings.lock() == null) {
                return false;
            }
            locked = true;
        }
        audit.lockEvent(Audit.LOCKED, why);
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
            if (!locked) {
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
            lastActivity = clock.instant();
        }
        audit.lockEvent(Audit.UNLOCKED, null);
        listeners.forEach(l -> l.accept(false));
        return true;
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
            }
            audit.lockEvent(Audit.LOCK_CLEARED, null);
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
        }
        audit.lockEvent(Audit.LOCK_RESET, "all recordings erased, receipt " + receipt);
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
