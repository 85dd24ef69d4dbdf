package org.doorstep.motion;

import java.time.Instant;

/**
 * Motion level of one whole second (0–100, the strongest frame of that second) for a timeline heat strip.
 *
 * @param second start of the second (truncated to whole seconds)
 * @param level  0–100
 */
public record ActivitySample(Instant second, int level) {
}
