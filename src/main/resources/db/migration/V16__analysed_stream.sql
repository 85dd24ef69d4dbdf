-- The stream each camera's motion analysis last opened, as the stream states it: picture size and frame rate. Kept
-- so that doctor can say what analysing a camera costs while no process analyses it (the segment rows hold the main
-- stream's picture size but no frame rate, and nothing of a sub stream, which is not recorded). Written only by
-- AnalysedStreams, once per connection of the analysis; nothing in it is personal.
CREATE TABLE analysed_stream (
    camera_id     BIGINT       PRIMARY KEY REFERENCES camera (id) ON DELETE CASCADE,
    on_sub_stream BOOLEAN      NOT NULL,
    width         INT          NOT NULL,
    height        INT          NOT NULL,
    fps           DOUBLE PRECISION NOT NULL,
    opened_utc    TIMESTAMP(3) WITH TIME ZONE NOT NULL
);
