package org.doorstep.usecase.paperwork;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the documents say, read from the current settings at one moment. Empty texts are what the owner has not
 * told Doorstep yet: the documents print them as lines to fill in, never an invented value.
 *
 * @param controller the owner's name (person or business), or ""
 * @param contact    how to reach the owner, or ""
 * @param purpose    why the cameras record, in the owner's words, or ""
 * @param cameras    every camera, in the catalog's order
 * @param erasures   how many erasures by hand have left a receipt
 * @param asOf       when the facts were read, in the owner's time zone
 */
public record PaperworkFacts(String controller, String contact, String purpose, List<CameraFacts> cameras,
                             int erasures, ZonedDateTime asOf, List<KeptFacts> kept, Measures measures) {

    public PaperworkFacts {
        controller = controller == null ? "" : controller.strip();
        contact = contact == null ? "" : contact.strip();
        purpose = purpose == null ? "" : purpose.strip();
        cameras = List.copyOf(cameras);
        kept = List.copyOf(kept);
    }

    /** Facts without kept clips and with the measures unknown (as a document made before they were read). */
    public PaperworkFacts(String controller, String contact, String purpose, List<CameraFacts> cameras, int erasures,
                          ZonedDateTime asOf) {
        this(controller, contact, purpose, cameras, erasures, asOf, List.of(), null);
    }

    /**
     * A clip kept as evidence (beyond retention), as the record of processing lists it: never a picture.
     *
     * @param reviewOn the day the owner decides again, or null
     */
    public record KeptFacts(String camera, Instant from, Instant to, String reason, LocalDate reviewOn) {}

    /**
     * The technical measures in force now, for the record of processing.
     *
     * @param lockOn             whether the app lock has a password
     * @param idleMinutes        after how many idle minutes the window locks (0: only by hand)
     * @param liveWhileLocked    whether live video stays visible while locked
     * @param auditRetentionDays how long the audit log keeps its rows
     * @param keyEncryptionKey   where the key-encryption key (which wraps the day keys) is kept, in words or a path
     */
    public record Measures(boolean lockOn, int idleMinutes, boolean liveWhileLocked, int auditRetentionDays,
                           String keyEncryptionKey, int ownersWithPin, int staffWithPin) {}

    /**
     * One camera as the record of processing lists it.
     *
     * @param name            the camera's name
     * @param recording       whether it records (switched on)
     * @param retention       how long its footage is kept
     * @param retentionReason why longer than 72 hours, or "" (only asked above 72 hours)
     * @param privacyMasks    how many areas are set to be blacked out
     * @param audio           whether sound is recorded
     * @param motion          whether motion detection runs
     * @param hideLive        whether the live picture is hidden
     */
    public record CameraFacts(String name, boolean recording, Duration retention, String retentionReason,
                              int privacyMasks, boolean audio, boolean motion, boolean hideLive) {
        public CameraFacts {
            retentionReason = retentionReason == null ? "" : retentionReason.strip();
        }

        /** Whether a reason is needed (kept longer than 72 hours). */
        public boolean needsReason() {
            return retention.compareTo(Duration.ofHours(72)) > 0;
        }
    }

    /** The message keys of the owner facts that are still missing (name, contact, purpose), in that order. */
    public List<String> missing() {
        List<String> keys = new ArrayList<>();
        if (controller.isEmpty()) {
            keys.add("missing.name");
        }
        if (contact.isEmpty()) {
            keys.add("missing.contact");
        }
        if (purpose.isEmpty()) {
            keys.add("missing.purpose");
        }
        return keys;
    }
}
