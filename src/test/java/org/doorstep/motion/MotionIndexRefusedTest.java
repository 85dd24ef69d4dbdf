package org.doorstep.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.doorstep.store.ActivityRepository;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.DataDir;
import org.doorstep.store.Database;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 (disk full): H2 closes the index after a failed write, and while the disk is still full reopening it fails
 * too. A motion event or a minute of activity refused then was gone for good (motion exists nowhere but in the
 * index, so the start-up reconcile cannot bring it back); it is now kept and written once the index takes rows again.
 */
class MotionIndexRefusedTest {
    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-11-30T10:00:05Z");

    /** H2 closes the database by itself, and its file cannot be opened again (moved away) until {@code back}. */
    private static Path refuse(Database db) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
            st.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException expected) {
            // the statement may report the session it just closed
        }
        Path away = db.file().resolveSibling("away.mv.db");
        Files.move(db.file(), away);
        return away;
    }

    @Test
    void aMotionEventAndActivityRefusedByTheIndexAreWrittenWhenItTakesRowsAgain() throws Exception {
        DataDir data = new DataDir(dir).create();
        try (Database db = Database.open(data)) {
            Camera cam = new CameraRepository(db).insert(Camera.newCamera("porch", URI.create("rtsp://127.0.0.1/x"),
                    null, null, null));
            EventRepository events = new EventRepository(db);
            ActivityRepository activity = new ActivityRepository(db);
            CameraMotionRecorder recorder = new CameraMotionRecorder(cam.id(), events, activity, null, new PeakFrame(),
                    new org.doorstep.store.AnalysedStreams(db), false);

            Path away = refuse(db);
            recorder.eventStarted(T);
            for (int s = 0; s < 8; s++) {
                recorder.activity(new ActivitySample(T.plusSeconds(s), 40));
            }
            recorder.eventEnded(new MotionEvent(T, T.plusSeconds(7), 40, null, T.plusSeconds(2)));
            recorder.activity(new ActivitySample(T.plusSeconds(60), 0)); // next minute: the first one is flushed
            assertThat(recorder.pendingWrites()).as("refused writes kept").isEqualTo(2);

            Files.move(away, db.file()); // space again: the index takes rows
            recorder.activity(new ActivitySample(T.plusSeconds(120), 0)); // a minute later
            assertThat(recorder.pendingWrites()).isZero();
            assertThat(events.find(cam.id(), StoredEvent.MOTION, null, null)).singleElement().satisfies(e -> {
                assertThat(e.start()).isEqualTo(T);
                assertThat(e.end()).isEqualTo(T.plusSeconds(7));
                assertThat(e.score()).isEqualTo(40);
            });
            assertThat(activity.levels(cam.id(), T, T.plusSeconds(60))).hasSize(8);
        }
    }
}
