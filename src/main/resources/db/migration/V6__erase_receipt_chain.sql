-- Erase receipts (issue 12): thumbnails counted too, and a hash chain so a receipt cannot be removed or altered
-- without the chain showing it.
ALTER TABLE erase_receipt ADD COLUMN thumbnails INT DEFAULT 0 NOT NULL;
ALTER TABLE erase_receipt ADD COLUMN prev_hash VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE erase_receipt ADD COLUMN hash VARCHAR(64) NOT NULL DEFAULT '';

-- An erase looks up everything encrypted under a day key it is about to destroy.
CREATE INDEX segment_key ON segment (key_id);
CREATE INDEX event_thumbnail_key ON event (thumbnail_key_id);
