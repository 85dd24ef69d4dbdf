package org.doorstep.events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.doorstep.privacy.ThumbnailSink;

/** Plain files under a folder (the app plugs in its encrypted store instead). */
final class FileThumbnailSink implements ThumbnailSink {
    static final String KEY_ID = "plain-test";
    private final Path root;
    private final AtomicInteger n = new AtomicInteger();

    FileThumbnailSink(Path root) {
        this.root = root;
    }

    @Override
    public Stored store(long cameraId, Instant at, byte[] jpeg) throws Exception {
        String name = "thumbnails/" + cameraId + "-" + at.toEpochMilli() + "-" + n.incrementAndGet() + ".jpg";
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, jpeg);
        return new Stored(name, KEY_ID);
    }
}
