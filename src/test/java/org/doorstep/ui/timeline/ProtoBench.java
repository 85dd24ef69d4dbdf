package org.doorstep.ui.timeline;

import java.nio.file.Path;
import java.sql.*;
import java.time.*;
import java.util.*;
import org.doorstep.store.*;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("bench")
class ProtoBench {
    @Test
    void proto() throws Exception {
        Path dir = Path.of("/tmp/tlproto/data");
        boolean fresh = !java.nio.file.Files.exists(dir);
        try (Database db = Database.open(new DataDir(dir).create())) {
            Instant end = Instant.parse("2026-11-30T00:00:00Z");
            List<Long> ids = new ArrayList<>();
            CameraRepository cams = new CameraRepository(db);
            if (fresh) {
                for (int i = 0; i < 16; i++) ids.add(cams.insert(Camera.newCamera("C" + i, java.net.URI.create("rtsp://10.0.0.2/" + i), null, null, null)).id());
                long t0 = System.nanoTime();
                var counts = SyntheticIndex.fill(db, ids, end, 30, 42);
                System.out.println("fill " + counts + " in " + (System.nanoTime() - t0) / 1e9 + " s");
            } else {
                for (Camera c : cams.all()) ids.add(c.id());
            }
            try (Connection c = db.connection()) {
                for (String idx : List.of("CREATE INDEX IF NOT EXISTS seg_cov ON segment (camera_id, stream, start_utc, end_utc)")) {
                    c.createStatement().execute(idx);
                }
                String q = "SELECT camera_id, (DATEDIFF(MILLISECOND, ?, start_utc)) / ? AS b, SUM(DATEDIFF(MILLISECOND, start_utc, end_utc)), MAX(end_utc), COUNT(*)"
                        + " FROM segment WHERE camera_id = ? AND stream = 'main' AND start_utc >= ? AND start_utc < ? GROUP BY camera_id, b";
                String qa = "SELECT (DATEDIFF(MILLISECOND, ?, minute_utc)) / ? AS b, COUNT(*) FROM motion_activity WHERE camera_id = ? AND minute_utc >= ? AND minute_utc < ? GROUP BY b";
                for (Duration w : List.of(Duration.ofHours(1), Duration.ofHours(12), Duration.ofDays(2), Duration.ofDays(7), Duration.ofDays(30))) {
                    for (String sql : List.of(q, qa)) {
                    long bucket = w.toMillis() / 1000;
                    long[] times = new long[10];
                    int rows = 0;
                    for (int r = 0; r < 10; r++) {
                        long t0 = System.nanoTime();
                        rows = 0;
                        for (long id : ids) {
                            try (PreparedStatement ps = c.prepareStatement(sql)) {
                                OffsetDateTime from = end.minus(w).atOffset(ZoneOffset.UTC);
                                ps.setObject(1, from); ps.setLong(2, bucket); ps.setLong(3, id); ps.setObject(4, from); ps.setObject(5, end.atOffset(ZoneOffset.UTC));
                                try (ResultSet rs = ps.executeQuery()) { while (rs.next()) rows++; }
                            }
                        }
                        times[r] = System.nanoTime() - t0;
                    }
                    Arrays.sort(times);
                    System.out.println(w + " " + sql.substring(0, 60) + " rows " + rows + " p50 " + times[5] / 1e6 + " ms");
                    }
                }
                try (ResultSet rs = c.createStatement().executeQuery("EXPLAIN SELECT start_utc, end_utc FROM segment WHERE camera_id = 1 AND stream = 'main' AND start_utc >= TIMESTAMP WITH TIME ZONE '2026-11-01 00:00:00Z'")) { rs.next(); System.out.println(rs.getString(1)); }
            }
        }
    }
}
