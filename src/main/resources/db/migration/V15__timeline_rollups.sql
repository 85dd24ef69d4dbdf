-- The timeline's window summarised ahead per camera at coarser grains (1 minute ... 1 day), so that a day or a month
-- on the screen reads one row per pixel column and camera instead of every segment, activity minute and event.
-- A cell holds what the rows STARTING in it add up to, exactly as the timeline groups raw rows by bucket: recorded
-- milliseconds and latest end of the main-stream segments, the loudest activity, event counts per type with the
-- highest score, the first start and the strongest event (packed rank, see EventRepository). Written only by
-- TimelineRollups, in the same transaction as the rows it summarises; a cell with nothing in it has no row, so an
-- erased range leaves no row behind. Filled from the raw rows at the next start (timeline_rollup_state).
-- id packs grain, cell start (minutes) and camera into one BIGINT (TimelineRollups.key): H2 keeps rows in the order
-- of a single BIGINT primary key, so a window of one grain is read as one contiguous stretch of the table.
CREATE TABLE timeline_rollup (
    id             BIGINT       PRIMARY KEY,
    grain_s        INT          NOT NULL,
    cell_utc       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    camera_id      BIGINT       NOT NULL REFERENCES camera (id) ON DELETE CASCADE,
    recorded_ms    BIGINT       NOT NULL,
    last_end       TIMESTAMP(3) WITH TIME ZONE,
    peak           TINYINT      NOT NULL,
    rings          INT          NOT NULL,
    motions        INT          NOT NULL,
    camera_motions INT          NOT NULL,
    max_score      INT,
    first_event    TIMESTAMP(3) WITH TIME ZONE,
    strongest      BIGINT,
    CONSTRAINT rollup_camera_fits_key CHECK (camera_id < 16777216)
);

-- Whether timeline_rollup matches the raw rows: false until the first rebuild (data folders from before this
-- migration), and set false by `doorstep repair` so the next start rebuilds it.
CREATE TABLE timeline_rollup_state (
    id     INT     PRIMARY KEY,
    built  BOOLEAN NOT NULL
);
INSERT INTO timeline_rollup_state (id, built) VALUES (1, FALSE);
