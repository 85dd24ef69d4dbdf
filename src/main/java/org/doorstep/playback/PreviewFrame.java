package org.doorstep.playback;

import java.time.Instant;

/**
 * One decoded picture of a recording as ARGB pixels, and when it was recorded: a scrubbing preview, or the
 * full-resolution source of a saved still.
 */
public record PreviewFrame(int width, int height, int[] argb, Instant at) {}
