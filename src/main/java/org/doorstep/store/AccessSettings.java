package org.doorstep.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Who may see what, and how long the record of it is kept: the app lock and the audit log's retention. Kept in its
 * own owner-only file ({@code access.json}), apart from the settings, because it holds the lock's password hash.
 *
 * @param lock               the lock password's slow hash; null: no lock
 * @param idleMinutes        the window locks itself after this many minutes without input (0: only "Lock now")
 * @param liveWhileLocked    live video (and a ring's live picture) stays visible while locked
 * @param auditRetentionDays audit rows older than this are deleted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccessSettings(PasswordHash lock, int idleMinutes, boolean liveWhileLocked, int auditRetentionDays) {
    public static final int DEFAULT_IDLE_MINUTES = 10;
    public static final int DEFAULT_AUDIT_DAYS = 365;

    /**
     * A slow password hash: never the password. {@code algorithm} names how it was made (PBKDF2WithHmacSHA256),
     * {@code cost} the iterations, {@code salt} and {@code hash} are Base64.
     */
    public record PasswordHash(String algorithm, int cost, String salt, String hash) {
        @Override
        public String toString() {
            return "PasswordHash[" + algorithm + ", cost " + cost + "]";
        }
    }

    public AccessSettings {
        if (idleMinutes < 0) idleMinutes = 0;
        if (auditRetentionDays <= 0) auditRetentionDays = DEFAULT_AUDIT_DAYS;
    }

    public static AccessSettings defaults() {
        return new AccessSettings(null, DEFAULT_IDLE_MINUTES, true, DEFAULT_AUDIT_DAYS);
    }

    public AccessSettings withLock(PasswordHash newLock) {
        return new AccessSettings(newLock, idleMinutes, liveWhileLocked, auditRetentionDays);
    }

    public AccessSettings withChoices(int idle, boolean live, int auditDays) {
        return new AccessSettings(lock, idle, live, auditDays);
    }
}
