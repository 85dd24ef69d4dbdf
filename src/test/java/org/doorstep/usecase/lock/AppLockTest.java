package org.doorstep.usecase.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.doorstep.privacy.PasswordHasher;
import org.doorstep.store.AccessSettingsStore;
import org.doorstep.store.AuditLog;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.DataDir;
import org.doorstep.store.Database;
import org.doorstep.usecase.audit.Audit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock's rules on a real database and access file, with a clock the test moves. */
class AppLockTest {
    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T08:00:00Z"));
    private Database db;
    private Audit audit;
    private AccessSettingsStore store;
    private int erased;

    @BeforeEach
    void open() throws Exception {
        DataDir data = new DataDir(dir).create();
        db = Database.open(data);
        store = new AccessSettingsStore(dir.resolve("access.json"));
        audit = new Audit(new AuditLog(db), new CameraRepository(db), () -> readDays(), "test", clock);
    }

    private int readDays() {
        try {
            return store.load().auditRetentionDays();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private AppLock lock() throws Exception {
        return new AppLock(store, new PasswordHasher(Duration.ofMillis(20)), audit, () -> {
            erased++;
            return "e-test";
        }, clock);
    }

    @Test
    void aStartWithAPasswordSetIsLockedAndTheFileKeepsOnlyASaltedHash() throws Exception {
        AppLock first = lock();
        assertThat(first.enabled()).isFalse();
        assertThat(first.allows(AppLock.Access.PLAYBACK)).isTrue();
        first.set(null, "hunter22".toCharArray());
        assertThat(first.locked()).as("setting does not lock this session").isFalse();
        String file = Files.readString(dir.resolve("access.json"));
        assertThat(file).doesNotContain("hunter22").contains("PBKDF2WithHmacSHA256").contains("salt");

        AppLock restarted = lock();
        assertThat(restarted.locked()).isTrue();
        for (AppLock.Access a : new AppLock.Access[] {AppLock.Access.PLAYBACK, AppLock.Access.EXPORT,
            AppLock.Access.ERASE, AppLock.Access.SETTINGS}) {
            assertThatThrownBy(() -> restarted.require(a)).isInstanceOf(AppLock.LockedException.class);
        }
        restarted.require(AppLock.Access.LIVE);
        assertThatThrownBy(() -> restarted.saveOptions(new AppLock.Options(1, true, 30)))
                .isInstanceOf(AppLock.LockedException.class);
        assertThatThrownBy(() -> restarted.set("wrong".toCharArray(), "new".toCharArray()))
                .isInstanceOf(AppLock.LockedException.class);
        assertThat(restarted.unlock("hunter22".toCharArray())).isTrue();
        restarted.require(AppLock.Access.ERASE);
    }

    @Test
    void locksAfterTheIdleTimeWithoutInputAndNotBefore() throws Exception {
        AppLock lock = lock();
        lock.set(null, "pw".toCharArray());
        lock.saveOptions(new AppLock.Options(10, false, 365));
        clock.advance(Duration.ofMinutes(9));
        assertThat(lock.lockIfIdle()).isFalse();
        lock.touch();
        clock.advance(Duration.ofMinutes(9));
        assertThat(lock.lockIfIdle()).as("input restarted the idle time").isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(lock.lockIfIdle()).isTrue();
        assertThat(lock.locked()).isTrue();
        assertThat(lock.allows(AppLock.Access.LIVE)).as("the owner hid live while locked").isFalse();
        assertThat(audit.entries(null, null)).extracting(Audit.Row::detail).contains("idle 10 min");
    }

    @Test
    void resetErasesBeforeItRemovesTheLock() throws Exception {
        AppLock lock = lock();
        lock.set(null, "pw".toCharArray());
        lock.lockNow();
        assertThat(lock.reset()).isEqualTo("e-test");
        assertThat(erased).isEqualTo(1);
        assertThat(lock.enabled()).isFalse();
        assertThat(lock.locked()).isFalse();
        assertThat(audit.entries(null, null)).extracting(Audit.Row::action).contains(Audit.LOCK_RESET);
    }

    @Test
    void theAuditLogKeepsItsOwnRetention() throws Exception {
        AppLock lock = lock();
        audit.viewed("Porch", clock.instant(), clock.instant().plusSeconds(60));
        lock.saveOptions(new AppLock.Options(10, true, 30));
        clock.advance(Duration.ofDays(29));
        assertThat(audit.prune()).isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(audit.prune()).isEqualTo(2); // the view and the retention change, 31 days old
        audit.privacySettingChanged(null, "test", "a", "b");
        assertThat(audit.entries(null, null)).extracting(Audit.Row::detail).containsExactly("test: a -> b");
        assertThat(audit.entries(clock.instant().plusSeconds(1), null)).isEmpty();
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
