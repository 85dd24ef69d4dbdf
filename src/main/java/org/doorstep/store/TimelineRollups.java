package org.doorstep.store;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The timeline_rollup table: the index summarised ahead per camera and cell of each grain (1 minute to 1 day), so
 * that a wide window reads one row per bucket and camera instead of every segment, activity minute and event.
 *
 * <p>A cell holds what the rows <em>starting</em> in it add up to, the same sums the timeline takes over raw rows per
 * bucket (recorded milliseconds and latest end of the main-stream segments, the loudest activity, event counts, the
 * highest score, the first start, the strongest event), so for buckets made of whole cells the answer is the same
 * whichever is read. Cells are recomputed, never adjusted: the owners of the summarised rows ({@link SegmentIndex},
 * {@link EventRepository}, {@link ActivityRepository}) call {@link #refresh} in the same transaction as their write,
 * and a recompute of a cell with nothing left in it deletes its row, so an erased range leaves no row behind.
 */
public final class TimelineRollups {
    /**
     * The grains, finest first; each is summed from the coarsest finer grain that divides it. They are the bucket
     * widths the timeline snaps to ({@link TimeBuckets#over}), so a bucket is always exactly one cell.
     */
    static final long[] GRAINS_MS = {
            Duration.ofMinutes(1).toMillis(), Duration.ofMinutes(2).toMillis(), Duration.ofMinutes(5).toMillis(),
            Duration.ofMinutes(10).toMillis(), Duration.ofMinutes(15).toMillis(), Duration.ofMinutes(30).toMillis(),
            Duration.ofHours(1).toMillis(), Duration.ofHours(2).toMillis(), Duration.ofHours(3).toMillis(),
            Duration.ofHours(6).toMillis(), Duration.ofHours(12).toMillis(), Duration.ofDays(1).toMillis()};
    /** How much a rebuild recomputes per transaction: a day of every camera. */
    private static final Duration REBUILD_STEP = Duration.ofDays(1);

    private static final String COLUMNS = "id, grain_s, cell_utc, camera_id, recorded_ms, last_end, peak, rings, motions,"
            + " camera_motions, max_score, first_event, strongest";

    private final Sql sql;

    public TimelineRollups(Database db) {
        this.sql = new Sql(db);
    }

    /** The grain a bucket of {@code bucketMs} starting at {@code from} is exactly one cell of, if there is one. */
    static Optional<Long> grainFor(Instant from, long bucketMs) {
        for (long grain : GRAINS_MS) {
            if (grain == bucketMs && Math.floorMod(from.toEpochMilli(), grain) == 0) {
                return Optional.of(grain);
            }
        }
        return Optional.empty();
    }

    /**
     * Recomputes, inside {@code tx}, every cell of every grain that holds an instant of [from, to] for one camera
     * (null: all cameras) from the rows starting there. The owners of the summarised rows call this after they wrote
     * or deleted rows starting in that range.
     */
    static void refresh(Sql tx, Long cameraId, Instant from, Instant to) throws SQLException {
        String camera = cameraId == null ? "" : " AND camera_id = " + cameraId;
        // the cells' own camera filter reads the camera from the key: on camera_id H2 would pick the foreign key's
        // index and walk every cell the camera has, instead of the few in the key range
        String cellsOfCamera = cameraId == null ? "" : " AND BITAND(id, 16777215) = " + cameraId;
        // one refresh of a camera at a time, until its transaction ends: a cell is recomputed from what is committed,
        // so a second writer (the segment closing while the activity minute is flushed) must wait for the first to
        // commit and then recompute with both rows, rather than overwrite the cell with what it saw without them
        tx.query("SELECT id FROM camera WHERE 1=1" + (cameraId == null ? "" : " AND id = " + cameraId)
                + " ORDER BY id FOR UPDATE", row -> row.getLong(1));
        long finest = GRAINS_MS[0];
        Instant lo = floor(from, finest);
        Instant hi = floor(to, finest).plusMillis(finest);
        tx.update("DELETE FROM timeline_rollup WHERE id >= ? AND id < ?" + cellsOfCamera, key(0, lo, 0),
                key(0, hi, 0));
        // parameters in the order they appear: the key's grain, the grain, the cell expression's four, the sources'
        List<Object> params = new ArrayList<>(List.of(0, finest / 1000, lo, finest, finest, lo));
        List<Object> sourceParams = new ArrayList<>();
        String source = SegmentIndex.rollupSource(camera, lo, hi, sourceParams) + " UNION ALL "
                + ActivityRepository.rollupSource(camera, lo, hi, sourceParams) + " UNION ALL "
                + EventRepository.rollupSource(camera, lo, hi, sourceParams);
        params.addAll(sourceParams);
        tx.update("INSERT INTO timeline_rollup (" + COLUMNS + ") SELECT " + KEY + ", ?, c, camera_id, SUM(rec),"
                + " MAX(last_end), MAX(peak), SUM(rings), SUM(motions), SUM(camera_motions), MAX(score),"
                + " MIN(first_event), MAX(strongest) FROM (SELECT " + cell("t") + " AS c, s.* FROM (" + source + ") s)"
                + " GROUP BY camera_id, c", params.toArray());
        for (int g = 1; g < GRAINS_MS.length; g++) {
            long grain = GRAINS_MS[g];
            int finer = finerSource(g);
            Instant glo = floor(lo, grain);
            Instant ghi = ceil(hi, grain);
            tx.update("DELETE FROM timeline_rollup WHERE id >= ? AND id < ?" + cellsOfCamera, key(g, glo, 0),
                    key(g, ghi, 0));
            tx.update("INSERT INTO timeline_rollup (" + COLUMNS + ") SELECT " + KEY + ", ?, c, camera_id,"
                            + " SUM(recorded_ms), MAX(last_end), MAX(peak), SUM(rings), SUM(motions), SUM(camera_motions),"
                            + " MAX(max_score), MIN(first_event), MAX(strongest) FROM (SELECT " + cell("cell_utc")
                            + " AS c, r.* FROM timeline_rollup r WHERE id >= ? AND id < ?" + cellsOfCamera + ")"
                            + " GROUP BY camera_id, c",
                    g, grain / 1000, glo, grain, grain, glo, key(finer, glo, 0), key(finer, ghi, 0));
        }
    }

    /**
     * A cell's key: grain, then cell start (in minutes), then camera, packed in one BIGINT. H2 keeps a table's rows
     * in the order of a single BIGINT primary key, so a window of one grain is one contiguous stretch of the table.
     */
    static long key(int grainIndex, Instant cell, long camera) {
        return ((long) grainIndex << 56) | (Math.floorDiv(cell.toEpochMilli(), 60_000L) << 24) | camera;
    }

    /** {@link #key} in SQL over the columns {@code c} and {@code camera_id}; binds the grain's index. */
    private static final String KEY = "CAST(? AS BIGINT) * 72057594037927936 + DATEDIFF(MILLISECOND,"
            + " TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', c) / 60000 * 16777216 + camera_id";

    /** The start of the cell holding {@code column}; binds the range's aligned start, the grain twice, the start. */
    private static String cell(String column) {
        return "DATEADD(MILLISECOND, DATEDIFF(MILLISECOND, ?, " + column + ") / ? * ?,"
                + " CAST(? AS TIMESTAMP(3) WITH TIME ZONE))";
    }

    /** The rows of one camera that a write is about to change start between {@code first} and {@code last}. */
    record Touched(long cameraId, Instant first, Instant last) {}

    /**
     * Which cameras and start times the rows of {@code table} picked by {@code where} have: read before they are
     * deleted or changed, so that {@link #refresh(Sql, List)} afterwards recomputes just their cells.
     */
    static List<Touched> touched(Sql tx, String table, String startColumn, String where, Object... params)
            throws SQLException {
        return tx.query("SELECT camera_id, MIN(" + startColumn + "), MAX(" + startColumn + ") FROM " + table
                        + " WHERE " + where + " GROUP BY camera_id",
                row -> new Touched(row.getLong(1), SqlTime.instant(row, 2), SqlTime.instant(row, 3)), params);
    }

    /** Recomputes the cells of what {@link #touched} found, one range per camera. */
    static void refresh(Sql tx, List<Touched> touched) throws SQLException {
        java.util.Map<Long, Touched> perCamera = new java.util.TreeMap<>();
        for (Touched t : touched) {
            perCamera.merge(t.cameraId(), t, (a, b) -> new Touched(a.cameraId(),
                    a.first().isBefore(b.first()) ? a.first() : b.first(),
                    a.last().isAfter(b.last()) ? a.last() : b.last()));
        }
        for (Touched t : perCamera.values()) {
            refresh(tx, t.cameraId(), t.first(), t.last());
        }
    }

    /** The index of the coarsest finer grain that divides grain {@code g}: its cells add up to one of {@code g}. */
    private static int finerSource(int g) {
        for (int f = g - 1; f >= 0; f--) {
            if (GRAINS_MS[g] % GRAINS_MS[f] == 0) {
                return f;
            }
        }
        throw new IllegalStateException("no finer grain divides " + GRAINS_MS[g]);
    }

    private static int index(long grain) {
        for (int g = 0; g < GRAINS_MS.length; g++) {
            if (GRAINS_MS[g] == grain) {
                return g;
            }
        }
        throw new IllegalArgumentException("not a grain: " + grain);
    }

    static Instant floor(Instant t, long grainMs) {
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), grainMs) * grainMs);
    }

    static Instant ceil(Instant t, long grainMs) {
        return Instant.ofEpochMilli(-Math.floorDiv(-t.toEpochMilli(), grainMs) * grainMs);
    }

    // ---- state and rebuild

    /** Whether the cells match the raw rows (false in a data folder from before the rollups, or after a repair). */
    public boolean built() throws SQLException {
        return sql.queryOptional("SELECT built FROM timeline_rollup_state WHERE id = 1", row -> row.getBoolean(1))
                .orElse(false);
    }

    /** Marks the cells as not matching the raw rows: the next start rebuilds them. */
    public void markStale() throws SQLException {
        sql.update("MERGE INTO timeline_rollup_state (id, built) KEY (id) VALUES (1, FALSE)");
    }

    /** How far a rebuild is: the share of days done, 0..1. */
    public interface Progress {
        void at(double done);
    }

    /**
     * Recomputes every cell from the raw rows, a day at a time (each day one transaction, so recording can go on
     * meanwhile), then marks them built. Returns false when cancelled (the cells stay marked stale).
     */
    public boolean rebuild(Progress progress, BooleanSupplier cancelled) throws SQLException {
        markStale();
        sql.update("DELETE FROM timeline_rollup");
        Optional<Instant> first = oldestRaw();
        Optional<Instant> last = newestRaw();
        if (first.isPresent() && last.isPresent()) {
            Instant start = floor(first.get(), GRAINS_MS[GRAINS_MS.length - 1]);
            Instant end = last.get();
            long days = Math.max(1, Duration.between(start, end).dividedBy(REBUILD_STEP) + 1);
            long done = 0;
            for (Instant day = start; !day.isAfter(end); day = day.plus(REBUILD_STEP)) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                Instant from = day;
                Instant to = day.plus(REBUILD_STEP).minusMillis(1);
                sql.inTransaction(tx -> {
                    refresh(tx, null, from, to);
                    return null;
                });
                progress.at((double) ++done / days);
            }
        }
        sql.update("MERGE INTO timeline_rollup_state (id, built) KEY (id) VALUES (1, TRUE)");
        progress.at(1);
        return true;
    }

    private Optional<Instant> oldestRaw() throws SQLException {
        return sql.queryOptional("SELECT LEAST(COALESCE((SELECT MIN(start_utc) FROM segment), " + FAR + "),"
                + " COALESCE((SELECT MIN(minute_utc) FROM motion_activity), " + FAR + "),"
                + " COALESCE((SELECT MIN(start_utc) FROM event), " + FAR + "))", row -> SqlTime.instant(row, 1))
                .filter(t -> t.isBefore(Instant.parse("9999-01-01T00:00:00Z")));
    }

    private Optional<Instant> newestRaw() throws SQLException {
        return sql.queryOptional("SELECT GREATEST(COALESCE((SELECT MAX(start_utc) FROM segment), " + NEAR + "),"
                + " COALESCE((SELECT MAX(minute_utc) FROM motion_activity), " + NEAR + "),"
                + " COALESCE((SELECT MAX(start_utc) FROM event), " + NEAR + "))", row -> SqlTime.instant(row, 1))
                .filter(t -> t.isAfter(Instant.EPOCH));
    }

    private static final String FAR = "TIMESTAMP WITH TIME ZONE '9999-12-31 00:00:00+00'";
    private static final String NEAR = "TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'";

    // ---- reading

    /** What whole cells of one camera add up to per bucket: coverage sums and the loudest activity. */
    public record CoverageCell(long cameraId, int bucket, long recordedMs, Instant lastEnd, int peak) {}

    /**
     * Per camera and bucket of {@code buckets}, which must each be exactly one cell of a grain
     * ({@link #grainFor}): the recorded milliseconds and latest end of the segments starting there, and the loudest
     * activity. Buckets with nothing recorded have a null {@code lastEnd}.
     */
    List<CoverageCell> coverage(TimeBuckets buckets, long grain) throws SQLException {
        // camera and bucket come from the key rather than from SQL expressions: thousands of rows per window
        long fromMinute = Math.floorDiv(buckets.from().toEpochMilli(), 60_000L);
        long minutesPerBucket = buckets.bucketMs() / 60_000L;
        return sql.query("SELECT id, recorded_ms, last_end, peak FROM timeline_rollup WHERE id >= ? AND id < ?",
                row -> {
                    long id = row.getLong(1);
                    long minute = (id >>> 24) & 0xFFFF_FFFFL;
                    return new CoverageCell(id & 0xFF_FFFFL, (int) ((minute - fromMinute) / minutesPerBucket),
                            row.getLong(2), SqlTime.instant(row, 3), row.getInt(4));
                },
                key(index(grain), buckets.from(), 0), key(index(grain), buckets.to(), 0));
    }

    /** As {@link EventRepository#clusters}, read from the cells of {@code grain}. */
    List<EventRepository.ClusterRow> clusters(TimeBuckets buckets, long grain) throws SQLException {
        return sql.query("SELECT camera_id, " + TimeBuckets.sqlIndex("cell_utc") + ", rings, motions, camera_motions,"
                        + " max_score, first_event, strongest FROM timeline_rollup WHERE id >= ? AND id < ?"
                        + " AND rings + motions + camera_motions > 0 ORDER BY camera_id, cell_utc",
                row -> EventRepository.clusterRow(row.getLong(1), row.getInt(2), row.getInt(3), row.getInt(4),
                        row.getInt(5), row.getInt(6), SqlTime.instant(row, 7), row.getLong(8)),
                buckets.from(), (double) buckets.bucketMs(), key(index(grain), buckets.from(), 0),
                key(index(grain), buckets.to(), 0));
    }
}
