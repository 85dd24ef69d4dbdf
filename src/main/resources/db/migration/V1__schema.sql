-- Doorstep schema. Times are UTC with millisecond precision. Secrets never live here: cameras name a
-- credential reference into the encrypted credential vault, segments name a key id in the key store.

CREATE TABLE camera (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    name               VARCHAR(100)  NOT NULL,
    main_url           VARCHAR(2000) NOT NULL,
    sub_url            VARCHAR(2000),
    snapshot_url       VARCHAR(2000),
    onvif_url          VARCHAR(2000),
    username           VARCHAR(200),
    credential_ref     VARCHAR(64),
    enabled            BOOLEAN       DEFAULT TRUE NOT NULL,
    retention_seconds  BIGINT        DEFAULT 172800 NOT NULL,
    rtsp_transport     VARCHAR(8)    DEFAULT 'tcp' NOT NULL,
    motion_enabled     BOOLEAN       DEFAULT TRUE NOT NULL,
    motion_sensitivity INT           DEFAULT 5 NOT NULL,
    motion_masks       CLOB,
    created_at         TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT camera_name_unique UNIQUE (name)
);

CREATE TABLE segment (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    camera_id       BIGINT       NOT NULL REFERENCES camera (id) ON DELETE CASCADE,
    stream          VARCHAR(8)   NOT NULL,
    start_utc       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    end_utc         TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    camera_start    TIMESTAMP(3) WITH TIME ZONE,
    drift_ms        BIGINT,
    bytes           BIGINT       NOT NULL,
    video_codec     VARCHAR(32),
    audio_codec     VARCHAR(32),
    width           INT,
    height          INT,
    -- compact keyframe index: pairs of (ms from segment start, byte offset) as packed longs
    keyframes       VARBINARY(1000000),
    key_id          VARCHAR(64)  NOT NULL,
    file            VARCHAR(500) NOT NULL,
    CONSTRAINT segment_file_unique UNIQUE (file)
);
CREATE INDEX segment_camera_start ON segment (camera_id, start_utc);
CREATE INDEX segment_camera_end ON segment (camera_id, end_utc);
CREATE INDEX segment_start ON segment (start_utc);

CREATE TABLE recording_gap (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    camera_id   BIGINT      NOT NULL REFERENCES camera (id) ON DELETE CASCADE,
    stream      VARCHAR(8)  NOT NULL,
    start_utc   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    end_utc     TIMESTAMP(3) WITH TIME ZONE,
    reason      VARCHAR(32) NOT NULL,
    detail      VARCHAR(500)
);
CREATE INDEX gap_camera_start ON recording_gap (camera_id, start_utc);

CREATE TABLE event (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    camera_id        BIGINT      NOT NULL REFERENCES camera (id) ON DELETE CASCADE,
    type             VARCHAR(16) NOT NULL,
    start_utc        TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    end_utc          TIMESTAMP(3) WITH TIME ZONE,
    score            INT,
    box_x            REAL,
    box_y            REAL,
    box_w            REAL,
    box_h            REAL,
    thumbnail        VARCHAR(500),
    thumbnail_key_id VARCHAR(64),
    CONSTRAINT event_type_known CHECK (type IN ('motion', 'ring', 'camera-motion'))
);
CREATE INDEX event_camera_start ON event (camera_id, start_utc);
CREATE INDEX event_start ON event (start_utc);

-- One row per camera and minute, 60 bytes of per-second activity (0-100): a month of 16 cameras is
-- ~700k small rows instead of 41M.
CREATE TABLE motion_activity (
    camera_id  BIGINT      NOT NULL REFERENCES camera (id) ON DELETE CASCADE,
    minute_utc TIMESTAMP(0) WITH TIME ZONE NOT NULL,
    levels     VARBINARY(60) NOT NULL,
    PRIMARY KEY (camera_id, minute_utc)
);

-- Receipts prove an erase happened without holding personal data: counts and key ids, never names of files or images.
CREATE TABLE erase_receipt (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    receipt_id        VARCHAR(64)  NOT NULL,
    created_at        TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    scope             VARCHAR(200) NOT NULL,
    range_start       TIMESTAMP(3) WITH TIME ZONE,
    range_end         TIMESTAMP(3) WITH TIME ZONE,
    segments          INT          NOT NULL,
    events            INT          NOT NULL,
    bytes             BIGINT       NOT NULL,
    method            VARCHAR(200) NOT NULL,
    destroyed_key_ids CLOB,
    CONSTRAINT receipt_id_unique UNIQUE (receipt_id)
);

CREATE TABLE audit_log (
    id      BIGINT AUTO_INCREMENT PRIMARY KEY,
    at      TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    action  VARCHAR(64)   NOT NULL,
    detail  VARCHAR(1000)
);
CREATE INDEX audit_at ON audit_log (at);
