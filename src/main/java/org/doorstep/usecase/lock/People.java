package org.doorstep.usecase.lock;

import static org.doorstep.usecase.Indexed.get;
import static org.doorstep.usecase.Indexed.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.privacy.PasswordHasher;
import org.doorstep.store.AccessSettings;
import org.doorstep.store.Person;
import org.doorstep.store.PersonRepository;
import org.doorstep.usecase.audit.Audit;

/**
 * The people who may unlock the app lock with a PIN, so that the audit log can say who did what: the owner (who
 * holds the lock password) adds them with a role and a PIN of 4 to 8 digits. A PIN is kept only as the same slow
 * hash as the lock password. Because 4 digits are only 10 000 guesses, a person's PIN is refused for a growing time
 * after {@link #FREE_TRIES} wrong ones in a row (30 s, then doubling up to an hour); the count is in the database, so
 * restarting Doorstep does not reset it.
 *
 * <p>People exist only while a lock password is set: clearing or resetting the lock removes them (see
 * {@link AppLock#clear}), so that a lock set later never opens to PINs nobody remembers adding.
 */
public final class People {
    /** What a person may do: staff live, recordings, events review and quick clips; an owner everything. */
    public enum Role {
        OWNER, STAFF;

        /** "owner", "staff": how the role is stored and typed. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The role typed on the command line or stored; null for anything else. */
        public static Role parse(String text) {
            for (Role r : values()) {
                if (r.id().equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return r;
                }
            }
            return null;
        }
    }

    /** One person as the faces list them; never the PIN or its hash. */
    public record Member(String name, Role role, int failedTries, Instant lockedUntil) {
        /** "Anna (staff)". */
        public Audit.Person asAudited() {
            return new Audit.Person(name, role.id());
        }
    }

    /** How a PIN try ended. */
    public enum Outcome { UNLOCKED, WRONG, LOCKED_OUT, UNKNOWN }

    /**
     * The answer to a PIN: for {@link Outcome#WRONG} how many tries are left before a lockout (0: this one started
     * it), for {@link Outcome#LOCKED_OUT} (and a wrong try that started one) until when the PIN is refused.
     */
    public record Attempt(Outcome outcome, Member person, int triesLeft, Instant retryAt) {
        public boolean ok() {
            return outcome == Outcome.UNLOCKED;
        }
    }

    /** Wrong PINs in a row that cost nothing but the slow hash. */
    public static final int FREE_TRIES = 5;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final int MIN_DIGITS = 4;
    private static final int MAX_DIGITS = 8;
    private static final int MAX_NAME = 60;

    private final PersonRepository repository;
    private final PasswordHasher hasher;
    private final Audit audit;
    private final Clock clock;
    private final AppLock lock;

    People(PersonRepository repository, PasswordHasher hasher, Audit audit, Clock clock, AppLock lock) {
        this.repository = repository;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.lock = lock;
    }

    /** Everyone, by name; needs nothing (the lock screen shows the names to choose from). */
    public List<Member> list() {
        if (repository == null) {
            return List.of();
        }
        return get(repository::all).stream().map(People::member).toList();
    }

    /** Adds a person; needs an owner unlocked and a lock password set. {@code pin} is wiped afterwards. */
    public Member add(String name, Role role, char[] pin) {
        Messages m = Messages.of("people");
        try {
            lock.requireOwner(m.get("what.people"));
            String clean = checkedName(name, m);
            checkPin(pin, m);
            if (role == null) {
                throw new UserException(m.get("error.role"), UserException.EXIT_USAGE);
            }
            if (get(() -> repository.byName(clean)).isPresent()) {
                throw new UserException(m.get("error.exists", clean), UserException.EXIT_USAGE);
            }
            AccessSettings.PasswordHash hash = hasher.hash(pin);
            Person p = get(() -> repository.insert(clean, role.id(), hash, clock.instant()));
            audit.lockEvent(Audit.PERSON, "added " + p.name() + " as " + role.id());
            return member(p);
        } finally {
            PasswordHasher.wipe(pin);
        }
    }

    /** Removes a person; needs an owner, and not the one unlocked now (lock, then unlock as someone else). */
    public void remove(String name) {
        Messages m = Messages.of("people");
        lock.requireOwner(m.get("what.people"));
        Person p = find(name, m);
        Audit.Person now = lock.unlockedPerson();
        if (now != null && now.name().equalsIgnoreCase(p.name())) {
            throw new UserException(m.get("error.removeSelf", p.name()), UserException.EXIT_USAGE);
        }
        run(() -> repository.delete(p.id()));
        audit.lockEvent(Audit.PERSON, "removed " + p.name());
    }

    /** Gives a person another role; needs an owner. An owner cannot demote themselves (nobody would be left). */
    public void changeRole(String name, Role role) {
        Messages m = Messages.of("people");
        lock.requireOwner(m.get("what.people"));
        Person p = find(name, m);
        Audit.Person now = lock.unlockedPerson();
        if (now != null && now.name().equalsIgnoreCase(p.name()) && role != Role.OWNER) {
            throw new UserException(m.get("error.demoteSelf", p.name()), UserException.EXIT_USAGE);
        }
        if (p.role().equals(role.id())) {
            return;
        }
        run(() -> repository.changeRole(p.id(), role.id()));
        audit.lockEvent(Audit.PERSON, p.name() + " role " + p.role() + " -> " + role.id());
    }

    /** Sets a new PIN for someone who forgot theirs (also ends a lockout); needs an owner. Wipes {@code pin}. */
    public void resetPin(String name, char[] pin) {
        Messages m = Messages.of("people");
        try {
            lock.requireOwner(m.get("what.people"));
            Person p = find(name, m);
            checkPin(pin, m);
            AccessSettings.PasswordHash hash = hasher.hash(pin);
            run(() -> repository.changePin(p.id(), hash));
            audit.lockEvent(Audit.PERSON, "new PIN for " + p.name() + " (set by an owner)");
        } finally {
            PasswordHasher.wipe(pin);
        }
    }

    /**
     * The person unlocked now changes their own PIN: the current one must match (a wrong one counts as a failed
     * try). Both are wiped.
     */
    public void changeOwnPin(char[] current, char[] next) {
        Messages m = Messages.of("people");
        try {
            Audit.Person now = lock.unlockedPerson();
            if (now == null) {
                throw new UserException(m.get("error.notAPerson"), UserException.EXIT_USAGE);
            }
            checkPin(next, m);
            Attempt a = verify(now.name(), current);
            if (!a.ok()) {
                throw new AppLock.LockedException(sentence(a, m));
            }
            Person p = find(now.name(), m);
            AccessSettings.PasswordHash hash = hasher.hash(next);
            run(() -> repository.changePin(p.id(), hash));
            audit.lockEvent(Audit.PERSON, "new PIN for " + p.name() + " (changed by themselves)");
        } finally {
            PasswordHasher.wipe(current);
            PasswordHasher.wipe(next);
        }
    }

    /** A sentence for a failed try: wrong with tries left, locked out until when, or nobody of that name. */
    public static String sentence(Attempt a, Messages m) {
        java.time.format.DateTimeFormatter hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .withZone(java.time.ZoneId.systemDefault());
        return switch (a.outcome()) {
            case UNLOCKED -> "";
            case UNKNOWN -> m.get("error.unknown");
            case WRONG -> a.retryAt() != null ? m.get("wrong.lockedOut", hhmm.format(a.retryAt()))
                    : m.get("wrong.triesLeft", a.triesLeft());
            case LOCKED_OUT -> m.get("lockedOut", hhmm.format(a.retryAt()));
        };
    }

    /**
     * Checks {@code pin} for {@code name} (wiped afterwards), counting wrong ones: refused without even hashing
     * while locked out. Takes the slow hash's time (about a quarter second) otherwise.
     */
    Attempt verify(String name, char[] pin) {
        try {
            Optional<Person> found = repository == null ? Optional.empty() : get(() -> repository.byName(name));
            if (found.isEmpty()) {
                return new Attempt(Outcome.UNKNOWN, null, 0, null);
            }
            Person p = found.get();
            Instant now = clock.instant();
            if (p.lockedUntil() != null && now.isBefore(p.lockedUntil())) {
                return new Attempt(Outcome.LOCKED_OUT, member(p), 0, p.lockedUntil());
            }
            if (hasher.matches(pin, p.pin())) {
                if (p.failedTries() > 0) {
                    run(() -> repository.succeeded(p.id()));
                }
                return new Attempt(Outcome.UNLOCKED, member(p), FREE_TRIES, null);
            }
            int failed = p.failedTries() + 1;
            Instant until = failed < FREE_TRIES ? null : now.plus(wait(failed));
            run(() -> repository.failed(p.id(), failed, until));
            return new Attempt(Outcome.WRONG, member(p), Math.max(0, FREE_TRIES - failed), until);
        } finally {
            PasswordHasher.wipe(pin);
        }
    }

    /** How long the PIN is refused after {@code failed} wrong ones in a row: 30 s at the 5th, doubling, at most 1 h. */
    static Duration wait(int failed) {
        int doublings = Math.min(20, failed - FREE_TRIES);
        Duration d = FIRST_WAIT.multipliedBy(1L << doublings);
        return d.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : d;
    }

    /** Removes everyone (the lock is cleared or reset); answers how many went. Not guarded: the lock checked. */
    int removeAll() {
        return repository == null ? 0 : get(repository::deleteAll);
    }

    /** The person's current role, or null when they are gone (removed while unlocked elsewhere). */
    Role roleOf(String name) {
        if (repository == null) {
            return null;
        }
        return get(() -> repository.byName(name)).map(p -> Role.parse(p.role())).orElse(null);
    }

    private Person find(String name, Messages m) {
        if (repository == null || name == null) {
            throw new UserException(m.get("error.noSuch", String.valueOf(name)), UserException.EXIT_USAGE);
        }
        return get(() -> repository.byName(name.strip()))
                .orElseThrow(() -> new UserException(m.get("error.noSuch", name), UserException.EXIT_USAGE));
    }

    private String checkedName(String name, Messages m) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > MAX_NAME || clean.chars().anyMatch(Character::isISOControl)) {
            throw new UserException(m.get("error.name", MAX_NAME), UserException.EXIT_USAGE);
        }
        if (repository == null) {
            throw new UserException(m.get("error.noDatabase"));
        }
        return clean;
    }

    private static void checkPin(char[] pin, Messages m) {
        boolean digits = pin != null && pin.length >= MIN_DIGITS && pin.length <= MAX_DIGITS;
        for (int i = 0; digits && i < pin.length; i++) {
            digits = pin[i] >= '0' && pin[i] <= '9';
        }
        if (!digits) {
            throw new UserException(m.get("error.pin", MIN_DIGITS, MAX_DIGITS), UserException.EXIT_USAGE);
        }
    }

    private static Member member(Person p) {
        Role role = Role.parse(p.role());
        return new Member(p.name(), role == null ? Role.STAFF : role, p.failedTries(), p.lockedUntil());
    }
}
