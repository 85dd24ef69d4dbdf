package org.doorstep.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The kept_clip table: footage kept as evidence. */
public final class KeptClipRepository {
    private final Sql sql;

    public KeptClipRepository(Database db) {
        this.sql = new Sql(db);
    }

    /** Stores a new kept clip and returns it with its id. */
    public KeptClip insert(KeptClip clip) throws SQLException {
        long id = sql.insertReturningId("INSERT INTO kept_clip (camera_id, start_utc, end_utc, reason, review_on,"
                        + " created_at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)", clip.cameraId(), clip.start(),
                clip.end(), clip.reason(), clip.reviewOn(), clip.createdAt(), clip.eventId());
        return new KeptClip(id, clip.cameraId(), clip.start(), clip.end(), clip.reason(), clip.reviewOn(),
                clip.createdAt(), clip.eventId());
    }

    /** Every kept clip, oldest footage first. */
    public List<KeptClip> all() throws SQLException {
        return sql.query("SELECT * FROM kept_clip ORDER BY start_utc, id", KeptClipRepository::read);
    }

    public Optional<KeptClip> byId(long id) throws SQLException {
        return sql.queryOptional("SELECT * FROM kept_clip WHERE id = ?", KeptClipRepository::read, id);
    }

    /** Kept clips of one camera (null: all) overlapping [from, to) (from null: open), oldest first. */
    public List<KeptClip> overlapping(Long cameraId, Instant from, Instant to) throws SQLException {
        return sql.query("SELECT * FROM kept_clip WHERE end_utc > ? AND start_utc < ?"
                        + (cameraId == null ? "" : " AND camera_id = " + cameraId) + " ORDER BY start_utc, id",
                KeptClipRepository::read, from == null ? Instant.EPOCH : from, to);
    }

    /** Releases one kept clip; false when there was none. */
    public boolean delete(long id) throws SQLException {
        return sql.update("DELETE FROM kept_clip WHERE id = ?", id) == 1;
    }

    /**
     * Takes [from, to) (from null: open) of one camera (null: all) out of every kept clip, as an erase does: a clip
     * inside goes, one reaching in is cut back to the range's edge, one spanning it is split in two. Returns how
     * many clips were released or cut.
     */
    public int cut(Long cameraId, Instant from, Instant to) throws SQLException {
        Instant lo = from == null ? Instant.EPOCH : from;
        return sql.inTransaction(tx -> {
            List<KeptClip> touched = tx.query("SELECT * FROM kept_clip WHERE end_utc > ? AND start_utc < ?"
                    + (cameraId == null ? "" : " AND camera_id = " + cameraId), KeptClipRepository::read, lo, to);
            for (KeptClip c : touched) {
                List<KeptClip> rest = new ArrayList<>();
                if (c.start().isBefore(lo)) {
                    rest.add(c.withRange(c.start(), lo));
                }
                if (c.end().isAfter(to)) {
                    rest.add(c.withRange(to, c.end()));
                }
                tx.update("DELETE FROM kept_clip WHERE id = ?", c.id());
                for (KeptClip r : rest) {
                    tx.update("INSERT INTO kept_clip (camera_id, start_utc, end_utc, reason, review_on, created_at,"
                                    + " event_id) VALUES (?, ?, ?, ?, ?, ?, ?)", r.cameraId(), r.start(), r.end(),
                            r.reason(), r.reviewOn(), r.createdAt(), r.eventId());
                }
            }
            return touched.size();
        });
    }

    private static KeptClip read(ResultSet rs) throws SQLException {
        return new KeptClip(rs.getLong("id"), rs.getLong("camera_id"), SqlTime.instant(rs, "start_utc"),
                SqlTime.instant(rs, "end_utc"), rs.getString("reason"), rs.getObject("review_on", LocalDate.class),
                SqlTime.instant(rs, "created_at"), rs.getObject("event_id", Long.class));
    }
}
