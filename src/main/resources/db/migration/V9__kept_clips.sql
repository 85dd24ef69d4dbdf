-- Clips the owner keeps as evidence (issue 13): retention and the storage caps leave footage overlapping a kept
-- clip alone until it is released; an erase still reaches it (and releases the part it erased). The reason and
-- the review date are listed in the record of processing.
CREATE TABLE kept_clip (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    camera_id   BIGINT        NOT NULL REFERENCES camera (id) ON DELETE CASCADE,
    start_utc   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    end_utc     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    reason      VARCHAR(500)  NOT NULL,
    review_on   DATE,
    created_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    -- the event it was kept from, if any (no reference: the event may be erased while the clip is kept)
    event_id    BIGINT,
    CONSTRAINT kept_clip_range CHECK (end_utc > start_utc)
);
CREATE INDEX kept_clip_camera_start ON kept_clip (camera_id, start_utc);
