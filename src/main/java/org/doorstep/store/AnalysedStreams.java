package org.doorstep.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The stream each camera's motion analysis last opened (table {@code analysed_stream}): which one, its picture size
 * and its frame rate as the stream states them. What a camera's analysis costs follows from these, so they are kept
 * for the figure a process that does not analyse the camera ({@code doorstep doctor} on its own) estimates.
 */
public final class AnalysedStreams {
    /** Frame rates outside (0, this] are what a stream without a stated rate reports (a time base), not a rate. */
    static final double MAX_FPS = 240;

    /**
     * One camera's analysed stream.
     *
     * @param fps the frame rate the stream states; 0 when it states none
     */
    public record AnalysedStream(long cameraId, boolean onSubStream, int width, int height, double fps,
                                 Instant opened) {}

    private final Sql sql;

    public AnalysedStreams(Database db) {
        this.sql = new Sql(db);
    }

    /** Keeps what the camera's analysis has just opened, replacing what it opened before. */
    public void opened(long cameraId, boolean onSubStream, int width, int height, double fps, Instant at)
            throws SQLException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("picture size unknown: " + width + "x" + height);
        }
        double rate = fps > 0 && fps <= MAX_FPS ? fps : 0;
        sql.update("MERGE INTO analysed_stream (camera_id, on_sub_stream, width, height, fps, opened_utc)"
                + " KEY (camera_id) VALUES (?, ?, ?, ?, ?, ?)", cameraId, onSubStream, width, height, rate, at);
    }

    /** What the camera's analysis opened last; empty when it never opened a stream. */
    public Optional<AnalysedStream> of(long cameraId) throws SQLException {
        return sql.queryOptional("SELECT on_sub_stream, width, height, fps, opened_utc FROM analysed_stream"
                        + " WHERE camera_id = ?",
                row -> new AnalysedStream(cameraId, row.getBoolean(1), row.getInt(2), row.getInt(3), row.getDouble(4),
                        SqlTime.instant(row, 5)), cameraId);
    }
}
