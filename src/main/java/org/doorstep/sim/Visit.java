package org.doorstep.sim;

import java.time.Instant;

/**
 * One visit as clients see it (ground truth for tests): the visitor comes into the picture at
 * {@code arrive}, presses the bell at {@code ring}, and is out of the picture again at {@code leave}.
 */
public record Visit(Instant arrive, Instant ring, Instant leave) { }
