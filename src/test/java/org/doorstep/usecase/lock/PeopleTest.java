package org.doorstep.usecase.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.doorstep.common.UserException;
import org.doorstep.privacy.PasswordHasher;
import org.doorstep.store.AccessSettingsStore;
import org.doorstep.store.AuditLog;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.DataDir;
import org.doorstep.store.Database;
import org.doorstep.store.PersonRepository;
import org.doorstep.usecase.audit.Audit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * People with PINs on a real H2 file and access file: adding and removing need an owner, staff may watch but not
 * erase, wrong PINs lock a PIN out for a growing time that outlasts a restart, the audit log names the person, and
 * clearing the lock removes everyone.
 */
class PeopleTest {
    private static final String PASSWORD = "counter top";

    @TempDir
    java.nio.file.Path dir;

    private final AppLockTest.MovableClock clock = new AppLockTest.MovableClock(Instant.parse("2026-11-30T08:00:00Z"));
    private Locale before;
    private DataDir data;
    private Database db;
    private AppLock lock;
    private Audit audit;

    @BeforeEach
    void open() throws Exception {
        before = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        data = new DataDir(dir).create();
        start();
    }

    /** A process start on the same folder: database, access file, audit and lock opened afresh. */
    private void start() throws Exception {
        db = Database.open(data);
        AppLock[] self = new AppLock[1];
        audit = new Audit(new AuditLog(db), new CameraRepository(db), () -> 365, "test", clock,
                () -> self[0] == null ? null : self[0].unlockedPerson());
        lock = new AppLock(new AccessSettingsStore(dir.resolve("access.json")),
                new PasswordHasher(Duration.ofMillis(5)), audit, () -> "e-test", clock, new PersonRepository(db));
        self[0] = lock;
    }

    private void restart() throws Exception {
        db.close();
        start();
    }

    @AfterEach
    void close() {
        db.close();
        Locale.setDefault(before);
    }

    private void lockWithAnnaAndBob() {
        lock.set(null, PASSWORD.toCharArray());
        lock.people().add("Anna", People.Role.STAFF, "1234".toCharArray());
        lock.people().add("Bob", People.Role.OWNER, "98765".toCharArray());
    }

    @Test
    void peopleNeedALockAndAnOwnerToBeAdded() throws Exception {
        assertThatThrownBy(() -> lock.people().add("Anna", People.Role.STAFF, "1234".toCharArray()))
                .isInstanceOf(UserException.class).hasMessageContaining("need a lock password");
        lockWithAnnaAndBob();
        assertThat(lock.people().list()).extracting(People.Member::name, People.Member::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Anna", People.Role.STAFF),
                        org.assertj.core.groups.Tuple.tuple("Bob", People.Role.OWNER));
        assertThatThrownBy(() -> lock.people().add("anna", People.Role.OWNER, "1111".toCharArray()))
                .hasMessage("There is already someone called anna.");
        assertThatThrownBy(() -> lock.people().add("Cem", People.Role.STAFF, "12a4".toCharArray()))
                .hasMessage("A PIN has 4 to 8 digits (0-9), nothing else.");
        assertThatThrownBy(() -> lock.people().add("Cem", People.Role.STAFF, "123".toCharArray()))
                .hasMessageContaining("4 to 8 digits");

        restart(); // locked: managing people needs the password or an owner's PIN
        assertThat(lock.locked()).isTrue();
        assertThatThrownBy(() -> lock.people().add("Cem", People.Role.STAFF, "5555".toCharArray()))
                .isInstanceOf(AppLock.LockedException.class).hasMessageContaining("an owner's PIN");
        assertThat(lock.unlockAs("Anna", "1234".toCharArray()).ok()).isTrue();
        assertThatThrownBy(() -> lock.people().add("Cem", People.Role.STAFF, "5555".toCharArray()))
                .isInstanceOf(AppLock.LockedException.class)
                .hasMessage("Anna is unlocked as staff: managing people and PINs needs an owner. Lock Doorstep and "
                        + "unlock as an owner, or ask one. Nothing was done.");
        lock.lockNow();
        assertThat(lock.unlockAs("bob", "98765".toCharArray()).ok()).as("names match in any case").isTrue();
        lock.people().add("Cem", People.Role.STAFF, "5555".toCharArray());
        lock.people().changeRole("Cem", People.Role.OWNER);
        assertThatThrownBy(() -> lock.people().remove("Bob")).hasMessageContaining("cannot remove themselves");
        assertThatThrownBy(() -> lock.people().changeRole("Bob", People.Role.STAFF))
                .hasMessageContaining("own owner role");
        lock.people().remove("Cem");
        assertThat(lock.people().list()).extracting(People.Member::name).containsExactly("Anna", "Bob");
        String stored = String.join(" ", new PersonRepository(db).all().stream().map(Object::toString).toList());
        assertThat(stored).doesNotContain("1234", "98765");
    }

    @Test
    void staffMayWatchAndExportClipsButNotEraseOrChangeSettings() throws Exception {
        lockWithAnnaAndBob();
        lock.lockNow();
        assertThat(lock.unlockAs("Anna", "1234".toCharArray()).ok()).isTrue();
        assertThat(lock.unlockedPerson()).isEqualTo(new Audit.Person("Anna", "staff"));
        assertThat(lock.allows(AppLock.Access.LIVE)).isTrue();
        assertThat(lock.allows(AppLock.Access.PLAYBACK)).isTrue();
        assertThat(lock.allows(AppLock.Access.EXPORT)).isTrue();
        for (AppLock.Access a : List.of(AppLock.Access.ERASE, AppLock.Access.SETTINGS,
                AppLock.Access.ACCESS_REQUEST)) {
            assertThat(lock.allows(a)).as(a.name()).isFalse();
        }
        assertThatThrownBy(() -> lock.require(AppLock.Access.ERASE)).isInstanceOf(AppLock.LockedException.class)
                .hasMessageStartingWith("Anna is unlocked as staff: erasing needs an owner.");
        assertThatThrownBy(() -> lock.saveOptions(new AppLock.Options(5, true, 30)))
                .hasMessageContaining("changing settings needs an owner");
        // the lock password still opens what staff may not do; it replaces Anna's session
        assertThat(lock.unlock("wrong".toCharArray())).isFalse();
        assertThat(lock.unlock(PASSWORD.toCharArray())).isTrue();
        assertThat(lock.unlockedPerson()).isNull();
        lock.require(AppLock.Access.ERASE);
    }

    @Test
    void wrongPinsLockThePinOutForAGrowingTimeThatOutlastsARestart() throws Exception {
        lockWithAnnaAndBob();
        lock.lockNow();
        for (int i = 1; i <= 4; i++) {
            People.Attempt a = lock.unlockAs("Anna", "0000".toCharArray());
            assertThat(a.outcome()).isEqualTo(People.Outcome.WRONG);
            assertThat(a.triesLeft()).isEqualTo(5 - i);
            assertThat(a.retryAt()).isNull();
        }
        People.Attempt fifth = lock.unlockAs("Anna", "0000".toCharArray());
        assertThat(fifth.retryAt()).isEqualTo(clock.instant().plusSeconds(30));

        restart(); // the count and the lockout are in the database
        People.Attempt refused = lock.unlockAs("Anna", "1234".toCharArray());
        assertThat(refused.outcome()).as("even the right PIN waits").isEqualTo(People.Outcome.LOCKED_OUT);
        assertThat(People.sentence(refused, org.doorstep.common.Messages.of("people")))
                .startsWith("Too many wrong PINs: this PIN is refused until ");
        assertThat(lock.locked()).isTrue();
        assertThat(lock.unlockAs("Bob", "98765".toCharArray()).ok()).as("others are not held up").isTrue();
        lock.lockNow();

        clock.advance(Duration.ofSeconds(31));
        People.Attempt sixth = lock.unlockAs("Anna", "0001".toCharArray());
        assertThat(sixth.retryAt()).as("doubled").isEqualTo(clock.instant().plusSeconds(60));
        assertThat(People.wait(12)).isEqualTo(Duration.ofHours(1));
        assertThat(People.wait(40)).isEqualTo(Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(61));
        assertThat(lock.unlockAs("Anna", "1234".toCharArray()).ok()).isTrue();
        lock.lockNow();
        restart();
        assertThat(lock.people().list()).extracting(People.Member::failedTries).containsExactly(0, 0);
        assertThat(audit.entries(null, null)).filteredOn(r -> r.action().equals(Audit.UNLOCK_FAILED))
                .hasSize(7).allSatisfy(r -> assertThat(r.person()).isEqualTo(new Audit.Person("Anna", "staff")));
    }

    @Test
    void theAuditLogNamesThePersonUnlockedForEveryRowUntilTheLockEngages() throws Exception {
        lockWithAnnaAndBob();
        lock.lockNow();
        lock.unlockAs("Anna", "1234".toCharArray());
        audit.viewed("Porch", Instant.parse("2026-11-30T07:00:00Z"), Instant.parse("2026-11-30T07:05:00Z"));
        lock.lockNow();
        lock.unlock(PASSWORD.toCharArray());
        audit.viewed("Porch", Instant.parse("2026-11-30T07:10:00Z"), null);

        List<Audit.Row> rows = audit.entries(null, null);
        Audit.Person anna = new Audit.Person("Anna", "staff");
        assertThat(rows).filteredOn(r -> r.action().equals(Audit.UNLOCKED)).extracting(Audit.Row::person)
                .containsExactly(anna, null);
        assertThat(rows).filteredOn(r -> r.action().equals(Audit.VIEW)).extracting(Audit.Row::person)
                .containsExactly(anna, null);
        assertThat(rows).filteredOn(r -> r.action().equals(Audit.LOCKED)).extracting(Audit.Row::person)
                .as("the lock row names who was unlocked").containsExactly(null, anna);
        assertThat(anna.toString()).isEqualTo("Anna (staff)");
        assertThat(rows).filteredOn(r -> r.action().equals(Audit.PERSON)).extracting(Audit.Row::detail)
                .containsExactly("added Anna as staff", "added Bob as owner");
    }

    @Test
    void ownPinChangeNeedsTheCurrentPinAndAnOwnerResetEndsALockout() throws Exception {
        lockWithAnnaAndBob();
        lock.lockNow();
        lock.unlockAs("Anna", "1234".toCharArray());
        assertThatThrownBy(() -> lock.people().changeOwnPin("9999".toCharArray(), "4321".toCharArray()))
                .isInstanceOf(AppLock.LockedException.class).hasMessageStartingWith("That is not the PIN.");
        lock.people().changeOwnPin("1234".toCharArray(), "4321".toCharArray());
        lock.lockNow();
        for (int i = 0; i < 5; i++) {
            lock.unlockAs("Anna", "0000".toCharArray());
        }
        assertThat(lock.unlockAs("Anna", "4321".toCharArray()).outcome()).isEqualTo(People.Outcome.LOCKED_OUT);
        lock.unlock(PASSWORD.toCharArray());
        lock.people().resetPin("Anna", "2468".toCharArray());
        lock.lockNow();
        assertThat(lock.unlockAs("Anna", "2468".toCharArray()).ok()).isTrue();
    }

    @Test
    void clearingTheLockRemovesEveryoneAndASessionEndsWithTheirRemoval() throws Exception {
        lockWithAnnaAndBob();
        lock.lockNow();
        lock.unlockAs("Anna", "1234".toCharArray());
        AppLock.Session window = lock.session();
        lock.unlock(PASSWORD.toCharArray()); // a command typed the password for itself
        lock.people().remove("Bob");
        lock.restore(window);
        assertThat(lock.unlockedPerson()).as("back to the window's person").isEqualTo(window.person());
        lock.unlock(PASSWORD.toCharArray());
        lock.people().remove("Anna");
        lock.restore(window);
        assertThat(lock.locked()).as("Anna is gone: her session ends").isTrue();

        lock.unlock(PASSWORD.toCharArray());
        lock.people().add("Dana", People.Role.STAFF, "1357".toCharArray());
        lock.clear(PASSWORD.toCharArray());
        assertThat(lock.people().list()).isEmpty();
        assertThat(lock.allows(AppLock.Access.ERASE)).isTrue();
        assertThat(audit.entries(null, null)).extracting(Audit.Row::detail)
                .contains("people with PINs removed: 1");
        lock.set(null, "another one".toCharArray());
        restart();
        assertThat(lock.unlockAs("Dana", "1357".toCharArray()).outcome()).isEqualTo(People.Outcome.UNKNOWN);
    }
}
