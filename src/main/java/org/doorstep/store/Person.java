package org.doorstep.store;

import java.time.Instant;

/**
 * Someone who may unlock the app lock with a PIN: a name, a role ({@code owner} or {@code staff}), the PIN's slow
 * hash (never the PIN) and how many wrong PINs were typed since the last right one, with the time until which the
 * PIN is refused ({@code lockedUntil}, null: not locked out).
 */
public record Person(long id, String name, String role, AccessSettings.PasswordHash pin, int failedTries,
                     Instant lockedUntil, Instant createdAt) {
    @Override
    public String toString() {
        return "Person[" + id + ", " + name + ", " + role + "]"; // never the hash
    }
}
