package org.doorstep.record;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.doorstep.store.DataDir;

/**
 * Where segments live: {@code segments/<cameraId>/<yyyy-MM-dd>/<stream>-<yyyyMMddTHHmmssSSS>Z.dseg}. One folder per
 * camera-day keeps folders small (≤ ~1500 files at 60 s), and the name carries the recorder-clock start time so a
 * file whose index row was lost can be re-indexed.
 */
public final class SegmentFiles {
    public static final String EXTENSION = ".dseg";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("(main|sub)-(\\d{8}T\\d{9})Z\\.dseg");
    private final DataDir dataDir;

    public SegmentFiles(DataDir dataDir) {
        this.dataDir = dataDir;
    }

    public Path root() {
        return dataDir.segments();
    }

    /** Path relative to the data directory, as stored in segment.file ('/'-separated). */
    public String relative(long cameraId, String stream, Instant start) {
        String day = start.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        return "segments/" + cameraId + "/" + day + "/" + stream + "-" + STAMP.format(start) + EXTENSION;
    }

    public Path resolve(String relative) {
        return dataDir.root().resolve(relative);
    }

    public String relativize(Path file) {
        return dataDir.root().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** What a segment file's name says: stream and start. */
    public record Parsed(long cameraId, String stream, Instant start) {}

    public static Optional<Parsed> parse(String relative) {
        String[] parts = relative.split("/");
        if (parts.length != 4 || !parts[0].equals("segments")) {
            return Optional.empty();
        }
        Matcher m = NAME.matcher(parts[3]);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long cam = Long.parseLong(parts[1]);
            Instant start = java.time.LocalDateTime.parse(m.group(2), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS"))
                    .toInstant(ZoneOffset.UTC);
            return Optional.of(new Parsed(cam, m.group(1), start));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
