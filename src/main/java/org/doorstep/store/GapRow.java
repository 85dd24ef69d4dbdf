package org.doorstep.store;

import java.time.Instant;

/** A stretch of time a camera stream was not recorded, and why (auth-failed, unreachable, stream-ended, ...). */
public record GapRow(long id, long cameraId, String stream, Instant start, Instant end, String reason, String detail) {}
