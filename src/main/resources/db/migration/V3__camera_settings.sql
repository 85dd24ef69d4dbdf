-- Camera settings the window edits (issue 11). Privacy masks use the same JSON as motion masks but are kept apart:
-- they are blacked out in the recording (a later issue burns them in), while motion masks only hide motion.
ALTER TABLE camera ADD COLUMN privacy_masks CLOB;
-- Why a camera keeps footage longer than 72 hours, in the owner's words (kept with the camera for the record of
-- processing); null while retention is 72 hours or less.
ALTER TABLE camera ADD COLUMN retention_reason VARCHAR(500);
-- Most bytes this camera's recordings may use; 0 = only the app-wide cap applies.
ALTER TABLE camera ADD COLUMN storage_cap_bytes BIGINT DEFAULT 0 NOT NULL;
-- Hardware decoding for this camera: auto, off or an accelerator id (see media.HwAccelSetting).
ALTER TABLE camera ADD COLUMN hw_accel VARCHAR(32) DEFAULT 'auto' NOT NULL;
-- Sound is recorded only when the owner switched it on (recording conversations needs more care than pictures).
ALTER TABLE camera ADD COLUMN record_audio BOOLEAN DEFAULT FALSE NOT NULL;
-- Hide the live picture (an indoor camera while guests are there); recording goes on unchanged.
ALTER TABLE camera ADD COLUMN hide_live BOOLEAN DEFAULT FALSE NOT NULL;
