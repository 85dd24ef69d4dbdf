package org.doorstep.usecase.paperwork;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What an export's data sheet states about that export (the rest comes from the settings, as for the other
 * documents).
 *
 * @param camera      the camera's name
 * @param from        the first moment exported (recorder clock)
 * @param to          the end of the range exported
 * @param zone        the owner's time zone, in which times are also given
 * @param retention   how long the camera's footage is kept
 * @param audio       whether the camera records sound
 * @param recordedHow how the footage was recorded and turned into this file, one sentence in the sheet's language
 * @param fileName    the video file's name
 * @param bytes       its size
 * @param sha256      the SHA-256 of the video file, hex
 * @param exportedAt  when the export was made
 * @param exportedBy  who made it (the audit log's actor)
 * @param leftOut     pieces of the range left out because the recording is damaged there
 * @param blurRegions how many regions were blurred (0 for none)
 */
public record ExportSheetFacts(String camera, Instant from, Instant to, ZoneId zone, Duration retention,
                               boolean audio, String recordedHow, String fileName, long bytes, String sha256,
                               Instant exportedAt, String exportedBy, List<Range> leftOut, int blurRegions) {
    public ExportSheetFacts {
        leftOut = List.copyOf(leftOut);
    }

    /** A piece of time. */
    public record Range(Instant from, Instant to) {}
}
