package org.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineQueryTest {
    @TempDir
    java.nio.file.Path dir;

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void neighbouringSegmentsBecomeOneSpanAndGapsAndEventsAreInTheWindow() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            long cam = new CameraRepository(db).insert(
                    Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null)).id();
            try (Connection c = db.connection()) {
                segment(c, cam, 0, 60, "a");
                segment(c, cam, 60, 120, "b");
                segment(c, cam, 140, 200, "c");
                segment(c, cam, 5000, 5060, "outside");
                PreparedStatement gap = c.prepareStatement("INSERT INTO recording_gap (camera_id, stream, start_utc, end_utc,"
                        + " reason) VALUES (?, 'main', ?, ?, 'unreachable')");
                gap.setLong(1, cam);
                gap.setObject(2, T0.plusSeconds(120).atOffset(ZoneOffset.UTC));
                gap.setObject(3, T0.plusSeconds(140).atOffset(ZoneOffset.UTC));
                gap.executeUpdate();
                PreparedStatement ev = c.prepareStatement("INSERT INTO event (camera_id, type, start_utc, end_utc, score)"
                        + " VALUES (?, ?, ?, ?, ?)");
                ev.setLong(1, cam);
                ev.setString(2, "ring");
                ev.setObject(3, T0.plusSeconds(30).atOffset(ZoneOffset.UTC));
                ev.setObject(4, T0.plusSeconds(30).atOffset(ZoneOffset.UTC));
                ev.setInt(5, 100);
                ev.executeUpdate();
            }
            TimelineQuery.Window w = new TimelineQuery(db).load(cam, T0.plusSeconds(10), T0.plusSeconds(300));
            assertThat(w.recorded()).containsExactly(
                    new TimelineQuery.Span(T0, T0.plusSeconds(120)),
                    new TimelineQuery.Span(T0.plusSeconds(140), T0.plusSeconds(200)));
            assertThat(w.gaps()).singleElement().satisfies(g -> assertThat(g.reason()).isEqualTo("unreachable"));
            assertThat(w.events()).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo("ring"));
        }
    }

    private static void segment(Connection c, long cam, int from, int to, String file) throws Exception {
        PreparedStatement ps = c.prepareStatement("INSERT INTO segment (camera_id, stream, start_utc, end_utc, bytes,"
                + " key_id, file) VALUES (?, 'main', ?, ?, 1, 'k', ?)");
        ps.setLong(1, cam);
        ps.setObject(2, T0.plusSeconds(from).atOffset(ZoneOffset.UTC));
        ps.setObject(3, T0.plusSeconds(to).atOffset(ZoneOffset.UTC));
        ps.setString(4, file);
        ps.executeUpdate();
    }
}
