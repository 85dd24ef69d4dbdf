package org.doorstep.privacy;

import java.time.Instant;

/** Keeps an event's thumbnail (encrypted at rest by the implementation). */
public interface ThumbnailSink {
    /** Where a stored thumbnail lives (data-dir relative) and the id of the key that encrypts it. */
    record Stored(String file, String keyId) {}

    Stored store(long cameraId, Instant at, byte[] jpeg) throws Exception;
}
