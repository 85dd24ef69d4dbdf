-- "What happened while I was away": an event is new until someone has looked at it. Events stored before this
-- column existed stay unmarked (NULL): nobody has reviewed them, and retention removes them in a few days anyway.
ALTER TABLE event ADD COLUMN reviewed_at TIMESTAMP(3) WITH TIME ZONE;
CREATE INDEX event_unreviewed ON event (reviewed_at, start_utc);
