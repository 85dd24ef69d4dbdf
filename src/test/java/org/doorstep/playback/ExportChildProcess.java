package org.doorstep.playback;

import java.nio.file.Path;
import java.time.Instant;

/** Exports all of camera {@code args[1]} of the footage in {@code args[0]} to {@code args[2]}, in its own JVM. */
public final class ExportChildProcess {
    private ExportChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (RecordedFootage f = new RecordedFootage(Path.of(args[0]))) {
            new ExportService(f.index, f.files, f.keys).export(Long.parseLong(args[1]), Instant.EPOCH,
                    Instant.parse("2100-01-01T00:00:00Z"), Path.of(args[2]), x -> { }, () -> false);
        }
        System.out.println("EXPORTED");
    }
}
