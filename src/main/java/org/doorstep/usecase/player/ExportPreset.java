package org.doorstep.usecase.player;

import java.util.Locale;
import java.util.Optional;

/**
 * The export dialog's and {@code export --preset}'s choices: what goes into the files beside the video.
 */
public enum ExportPreset {
    /** Today's MP4: packets copied, nothing re-encoded, no extra files. */
    QUICK("quick"),
    /** Date, time and camera burned into the picture, a {@code .sha256} file and a data sheet PDF. */
    EVIDENCE("evidence"),
    /** A data subject's range under Art. 15 GDPR: third parties blurred, with the Art. 15 data sheet PDF. */
    ACCESS_REQUEST("access-request");

    private final String cliName;

    ExportPreset(String cliName) {
        this.cliName = cliName;
    }

    /** How the command line and the audit log name it. */
    public String cliName() {
        return cliName;
    }

    /** The preset named {@code name} on the command line (case ignored). */
    public static Optional<ExportPreset> byName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (ExportPreset p : values()) {
            if (p.cliName.equals(n)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Whether the picture is decoded, changed and encoded again (the quick clip is copied). */
    public boolean reencodes(boolean blurRegions) {
        return this == EVIDENCE || blurRegions;
    }
}
