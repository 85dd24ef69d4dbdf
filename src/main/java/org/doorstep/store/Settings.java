package org.doorstep.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Application-wide settings kept as JSON beside the database. Per-camera settings live on the camera.
 *
 * @param language          "en" or "de"; null follows the system
 * @param segmentSeconds    target length of a recording segment (cut at the next keyframe)
 * @param storageCapBytes   most bytes all recordings may use; 0 = no cap
 * @param minFreeBytes      free space kept on the disk; oldest footage goes first to keep it
 * @param retentionCheckSeconds how often retention runs
 * @param hwAccel           "auto", "off" or an accelerator name to pin
 * @param motionFps         analysis frames per second
 * @param theme             the window's look: "system", "light" or "dark"
 * @param startWithComputer whether Doorstep should start when the user logs in (the installer wires it)
 * @param keyframesWhileStill whether sub streams, like main streams analysed without one, decode only keyframes
 *                          while nothing moves (less processor time; motion seen up to a keyframe interval later)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(
        String language,
        int segmentSeconds,
        long storageCapBytes,
        long minFreeBytes,
        int retentionCheckSeconds,
        String hwAccel,
        double motionFps,
        String theme,
        boolean startWithComputer,
        boolean keyframesWhileStill) {

    public static Settings defaults() {
        return new Settings(null, 60, 0, 2L * 1024 * 1024 * 1024, 300, "auto", 5.0, "system", false, false);
    }

    /** Settings with the window's choices at their defaults (theme follows the system, no autostart). */
    public Settings(String language, int segmentSeconds, long storageCapBytes, long minFreeBytes,
                    int retentionCheckSeconds, String hwAccel, double motionFps) {
        this(language, segmentSeconds, storageCapBytes, minFreeBytes, retentionCheckSeconds, hwAccel, motionFps,
                "system", false, false);
    }

    /** The same settings with the window's app choices changed. */
    public Settings withWindowChoices(String newLanguage, long capBytes, long reserveBytes, String newTheme,
                                      boolean autostart, boolean keyframesOnlyWhileStill) {
        return new Settings(newLanguage, segmentSeconds, capBytes, reserveBytes, retentionCheckSeconds, hwAccel,
                motionFps, newTheme, autostart, keyframesOnlyWhileStill);
    }

    public Settings {
        if (segmentSeconds <= 0) segmentSeconds = 60;
        if (storageCapBytes < 0) storageCapBytes = 0;
        if (minFreeBytes < 0) minFreeBytes = 0;
        if (retentionCheckSeconds <= 0 || retentionCheckSeconds > 300) retentionCheckSeconds = 300;
        if (hwAccel == null || hwAccel.isBlank()) hwAccel = "auto";
        if (motionFps <= 0) motionFps = 5.0;
        if (theme == null || theme.isBlank()) theme = "system";
    }
}
