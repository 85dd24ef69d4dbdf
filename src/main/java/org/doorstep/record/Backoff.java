package org.doorstep.record;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: 1 s doubling to 30 s, each jittered by ±20 % so cameras that dropped together (a switch reboot)
 * do not all retry in the same instant.
 */
final class Backoff {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);
    private long nextMillis = FIRST.toMillis();

    Duration next() {
        long base = nextMillis;
        nextMillis = Math.min(MAX.toMillis(), nextMillis * 2);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(base * jitter));
    }

    void reset() {
        nextMillis = FIRST.toMillis();
    }
}
