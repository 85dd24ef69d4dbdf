package org.doorstep.playback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.imageio.ImageIO;

/**
 * Saves a still as a PNG at the recording's full resolution (the decoded frame, not a screen grab), named with the
 * camera and the time it was recorded, e.g. "Front door 2026-11-30 14.03.22.png" (dots, because Windows forbids
 * colons in names). An existing file is never overwritten: a number is added instead.
 */
final class StillWriter {
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm.ss");

    private final ZoneId zone;

    StillWriter(ZoneId zone) {
        this.zone = zone;
    }

    String fileName(String camera, Instant at, int attempt) {
        String safe = camera.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
        String base = safe + " " + NAME_TIME.format(at.atZone(zone));
        return (attempt <= 1 ? base : base + " (" + attempt + ")") + ".png";
    }

    Path write(PreviewFrame picture, String camera, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (int attempt = 1; ; attempt++) {
            Path file = folder.resolve(fileName(camera, picture.at(), attempt));
            if (!Files.exists(file)) {
                Path tmp = folder.resolve(file.getFileName() + ".part");
                if (!ImageIO.write(FramePictures.image(picture), "png", tmp.toFile())) {
                    throw new IOException("this Java has no PNG writer");
                }
                Files.move(tmp, file);
                return file;
            }
        }
    }
}
