-- ONVIF event topics that count as a ring for this camera besides the built-in ones (doorbells that report the
-- button as a digital input or an alarm input), one per line; null = only the built-in topics.
ALTER TABLE camera ADD COLUMN ring_topics VARCHAR(2000);
