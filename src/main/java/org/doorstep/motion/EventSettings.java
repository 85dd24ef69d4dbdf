package org.doorstep.motion;

import java.time.Duration;

/**
 * How frame results become events.
 *
 * @param startAfterFrames consecutive frames with motion before an event starts (hysteresis against blips)
 * @param quietPeriod      time without motion after which an event ends
 * @param mergeGap         an event starting within this time after the previous one ended extends it
 *                         (only matters when longer than the quiet period)
 * @param maxLength        an event longer than this is closed and a new one begins (keeps events reviewable)
 */
public record EventSettings(int startAfterFrames, Duration quietPeriod, Duration mergeGap, Duration maxLength) {

    public static final EventSettings DEFAULT = new EventSettings(3, Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofMinutes(10));

    /** Two visits closer than this become one event. */
    public Duration joinGap() {
        return quietPeriod.compareTo(mergeGap) > 0 ? quietPeriod : mergeGap;
    }

    public EventSettings {
        if (startAfterFrames < 1 || quietPeriod.isNegative() || mergeGap.isNegative() || maxLength.isNegative()) {
            throw new IllegalArgumentException("invalid event settings");
        }
    }
}
