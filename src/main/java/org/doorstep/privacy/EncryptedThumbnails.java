package org.doorstep.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.doorstep.store.DataDir;

/**
 * Event thumbnails, encrypted like segments under the camera's key of that day, so destroying a day's
 * key erases its pictures too. Files live under {@code thumbnails/<camera>/<day>/}.
 */
public final class EncryptedThumbnails implements ThumbnailSink {
    private final DataDir dataDir;
    private final SegmentKeyStore keys;
    private final EncryptingSegmentWriter.Buffers buffers = new EncryptingSegmentWriter.Buffers();

    public EncryptedThumbnails(DataDir dataDir, SegmentKeyStore keys) {
        this.dataDir = dataDir;
        this.keys = keys;
    }

    @Override
    public synchronized Stored store(long cameraId, Instant at, byte[] jpeg) throws IOException {
        var day = at.atZone(ZoneOffset.UTC).toLocalDate();
        SegmentKeyStore.SegmentKey key = keys.keyFor(cameraId, day);
        Path folder = dataDir.thumbnails().resolve(Long.toString(cameraId)).resolve(day.toString());
        Files.createDirectories(folder);
        Path file = folder.resolve(at.toEpochMilli() + ".jpg.dseg");
        for (int n = 1; Files.exists(file); n++) {
            file = folder.resolve(at.toEpochMilli() + "-" + n + ".jpg.dseg");
        }
        try (EncryptingSegmentWriter writer = new EncryptingSegmentWriter(file, key, buffers)) {
            writer.write(jpeg, 0, jpeg.length);
        }
        return new Stored(dataDir.root().relativize(file).toString().replace('\\', '/'), key.id());
    }

    /** The decrypted JPEG of a stored thumbnail. */
    public byte[] read(String relativeFile) throws IOException {
        try (DecryptingSegmentReader reader = DecryptingSegmentReader.open(dataDir.root().resolve(relativeFile), keys);
             InputStream in = reader.stream(0)) {
            return in.readAllBytes();
        }
    }
}
