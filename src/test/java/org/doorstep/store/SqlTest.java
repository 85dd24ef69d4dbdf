package org.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlTest {
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00.123Z");

    @TempDir
    Path dir;

    private enum Stream { main }

    @Test
    void parametersBindByTheirTypeAndComeBackUnchanged() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            Sql sql = new Sql(db);
            long cam = sql.insertReturningId("INSERT INTO camera (name, main_url, created_at) VALUES (?, ?, ?)",
                    "Porch", URI.create("rtsp://10.0.0.2/a"), T0);
            byte[] keyframes = {1, 2, 3};
            sql.update("INSERT INTO segment (camera_id, stream, start_utc, end_utc, drift_ms, bytes, keyframes, key_id,"
                    + " file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", cam, Stream.main, T0, T0.plusSeconds(60), null, 10L,
                    keyframes, "k", "f");
            SegmentRow row = new SegmentIndex(db).byFile("f").orElseThrow();
            assertThat(row.stream()).isEqualTo("main");
            assertThat(row.start()).isEqualTo(T0);
            assertThat(row.driftMs()).isNull();
            assertThat(row.keyframes()).containsExactly(1, 2, 3);
            assertThat(sql.queryLong("SELECT COUNT(*) FROM segment WHERE start_utc = ?", T0)).isEqualTo(1);
            assertThat(sql.queryOptional("SELECT main_url FROM camera WHERE id = ?", r -> r.getString(1), cam))
                    .contains("rtsp://10.0.0.2/a");
            assertThat(sql.queryOptional("SELECT id FROM camera WHERE id = ?", r -> r.getLong(1), cam + 1)).isEmpty();
        }
    }

    @Test
    void aTransactionThatThrowsLeavesNothingBehindAndTheNextStatementCommitsOnItsOwn() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            Sql sql = new Sql(db);
            assertThatThrownBy(() -> sql.inTransaction(tx -> {
                tx.update("INSERT INTO camera (name, main_url, created_at) VALUES ('A', 'rtsp://a', ?)", T0);
                throw new SQLException("boom");
            })).hasMessage("boom");
            assertThat(sql.queryLong("SELECT COUNT(*) FROM camera")).isZero();

            // a statement outside any transaction must not be left waiting for a commit on a pooled connection
            sql.update("INSERT INTO camera (name, main_url, created_at) VALUES ('B', 'rtsp://b', ?)", T0);
            assertThat(new CameraRepository(db).findByName("B")).isPresent();
        }
    }

    @Test
    void aTransactionInsideAnotherJoinsIt() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            Sql sql = new Sql(db);
            assertThatThrownBy(() -> sql.inTransaction(outer -> {
                outer.inTransaction(inner -> inner.update(
                        "INSERT INTO camera (name, main_url, created_at) VALUES ('A', 'rtsp://a', ?)", T0));
                throw new IllegalStateException("outer fails after inner returned");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(sql.queryLong("SELECT COUNT(*) FROM camera")).isZero();
        }
    }
}
