package org.doorstep.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A range of one camera's footage the owner keeps as evidence: retention and the storage caps leave it alone until
 * it is released or erased.
 *
 * @param reviewOn the day the owner wants to be reminded to decide again (null: no reminder)
 * @param eventId  the event it was kept from, if any
 */
public record KeptClip(long id, long cameraId, Instant start, Instant end, String reason, LocalDate reviewOn,
                       Instant createdAt, Long eventId) {

    /** Whether [from, to) of {@code camera} touches this clip. */
    public boolean overlaps(long camera, Instant from, Instant to) {
        return camera == cameraId && from.isBefore(end) && to.isAfter(start);
    }

    /** Whether its review date has come on {@code today}. */
    public boolean due(LocalDate today) {
        return reviewOn != null && !reviewOn.isAfter(today);
    }

    KeptClip withRange(Instant from, Instant to) {
        return new KeptClip(id, cameraId, from, to, reason, reviewOn, createdAt, eventId);
    }
}
