package org.doorstep.sim;

import java.time.Instant;

/** A slow light ramp (cloud or dusk) that must not count as motion: it starts and ends at the same brightness. */
public record LightChange(Instant start, Instant end) { }
