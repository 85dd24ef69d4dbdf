package org.doorstep.usecase.erase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.doorstep.App;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.privacy.EncryptedThumbnails;
import org.doorstep.privacy.EncryptingSegmentWriter;
import org.doorstep.privacy.SegmentCrypto;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.ActivityRepository;
import org.doorstep.store.AuditLog;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;

/**
 * A data folder with two cameras over two days, written with the real encrypting writer, key store, thumbnail store
 * and repositories: per camera and day segments at 08:00, 08:01 and 08:03 (a gap 08:02-08:03), each with a motion
 * event and thumbnail at +10 s and a ring at +30 s, activity for each minute, an export and log lines. Every piece
 * carries a marker naming camera and time, so a scan can tell what survived. {@link #snapshot} keeps copies of the
 * ciphertext and key files as a stale SSD block or backup would.
 */
final class EraseFixture implements AutoCloseable {
    static final Instant DAY1 = Instant.parse("2026-11-20T00:00:00Z");
    static final Instant DAY2 = DAY1.plusSeconds(86_400);
    static final int[] MINUTES = {8 * 60, 8 * 60 + 1, 8 * 60 + 3};

    final Path dir;
    App app;
    Camera a;
    Camera b;
    final Map<Long, byte[]> plaintext = new HashMap<>();
    final Map<String, byte[]> stale = new HashMap<>(); // relative path -> bytes before the erase
    Path exportFile;

    EraseFixture(Path dir) throws Exception {
        this(dir, true);
    }

    /** An empty data folder (populate false): the test records into it itself. */
    EraseFixture(Path dir, boolean populate) throws Exception {
        this.dir = dir;
        if (!populate) {
            Files.createDirectories(dir);
            // short segments, and no free-disk reserve to trip over on a small test disk
            Files.writeString(dir.resolve("settings.json"), "{\"segmentSeconds\": 4, \"minFreeBytes\": 0}");
            open();
            return;
        }
        open();
        a = app.cameras().insert(Camera.newCamera("porch", URI.create("rtsp://127.0.0.1:1/a"), null, null, null));
        b = app.cameras().insert(Camera.newCamera("garden", URI.create("rtsp://127.0.0.1:1/b"), null, null, null));
        SegmentKeyStore keys = new SegmentKeyStore(app.dataDir().keys());
        SegmentFiles files = new SegmentFiles(app.dataDir());
        SegmentIndex index = new SegmentIndex(app.database());
        EventRepository events = new EventRepository(app.database());
        ActivityRepository activity = new ActivityRepository(app.database());
        EncryptedThumbnails thumbs = new EncryptedThumbnails(app.dataDir(), keys);
        List<String> log = new ArrayList<>();
        for (Camera cam : List.of(a, b)) {
            for (Instant day : List.of(DAY1, DAY2)) {
                for (int minute : MINUTES) {
                    Instant start = day.plusSeconds(minute * 60L);
                    String rel = files.relative(cam.id(), "main", start);
                    Path file = files.resolve(rel);
                    Files.createDirectories(file.getParent());
                    SegmentKeyStore.SegmentKey key = keys.keyFor(cam.id(), start.atOffset(ZoneOffset.UTC).toLocalDate());
                    byte[] plain = marker("FRAME", cam, start).repeat(200).getBytes(StandardCharsets.US_ASCII);
                    try (EncryptingSegmentWriter w = new EncryptingSegmentWriter(file, key, new EncryptingSegmentWriter.Buffers())) {
                        w.write(plain, 0, plain.length);
                    }
                    SegmentRow row = index.insert(new SegmentRow(0, cam.id(), "main", start, start.plusSeconds(60), null,
                            null, Files.size(file), "h264", null, 1280, 720, null, key.id(), rel));
                    plaintext.put(row.id(), plain);
                    int late = cam == b ? 2 : 0; // the cameras' events differ in time, so a scan can tell whose it finds
                    Instant motion = start.plusSeconds(10 + late);
                    var stored = thumbs.store(cam.id(), motion, marker("THUMB", cam, motion).getBytes(StandardCharsets.US_ASCII));
                    events.insert(new StoredEvent(0, cam.id(), StoredEvent.MOTION, motion, motion.plusSeconds(5), 70,
                            new StoredEvent.Box(0.1, 0.2, 0.3, 0.4), stored.file(), stored.keyId()));
                    events.insert(new StoredEvent(0, cam.id(), StoredEvent.RING, start.plusSeconds(30 + late),
                            start.plusSeconds(31 + late), 100, null, null, null));
                    byte[] levels = new byte[60];
                    java.util.Arrays.fill(levels, (byte) 40);
                    activity.merge(cam.id(), start, levels);
                    log.add(start.plusSeconds(30 + late) + " INFO  [events-" + cam.id() + "] o.d.events.CameraEventService - camera "
                            + cam.id() + ": doorbell rang at " + start.plusSeconds(30 + late));
                }
                long gap = index.openGap(cam.id(), "main", day.plusSeconds((8 * 60 + 2) * 60L), "unreachable", "no route");
                index.closeGap(gap, day.plusSeconds((8 * 60 + 3) * 60L));
            }
        }
        // an export of porch, day 1, 08:00-08:02, written into the exports folder and noted in the audit log
        exportFile = app.dataDir().exports().resolve("porch-export.mp4");
        Files.writeString(exportFile, "EXPORT " + marker("FRAME", a, DAY1.plusSeconds(8 * 3600)));
        new AuditLog(app.database()).record(DAY2, "export", "camera=" + a.id() + " from=" + DAY1.plusSeconds(8 * 3600)
                + " to=" + DAY1.plusSeconds(8 * 3600 + 120) + " file=" + exportFile.toAbsolutePath());
        log.add("2026-11-25T10:00:00.000Z INFO  [main] org.doorstep.App - started");
        Files.writeString(app.dataDir().logs().resolve("doorstep.log"), String.join("\n", log) + "\n");
    }

    static String marker(String kind, Camera cam, Instant at) {
        return kind + "-" + cam.name() + "-" + at.toEpochMilli() + ";";
    }

    void open() {
        try {
            app = App.open(new DataDir(dir), "erase test");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies of every segment, thumbnail and key file as they are now (what a stale SSD block or a backup keeps). */
    void snapshot() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.endsWith(".dseg") || rel.startsWith("keys/")) {
                    stale.put(rel, Files.readAllBytes(p));
                }
            }
        }
    }

    List<SegmentRow> segments() throws Exception {
        return new SegmentIndex(app.database()).all();
    }

    List<StoredEvent> events() throws Exception {
        return new EventRepository(app.database()).find(null, null, null, null);
    }

    /** Keeps the database file as it is on disk now (closing writes everything out), then reopens. */
    byte[] databaseBytes() throws IOException {
        app.close();
        byte[] bytes = Files.readAllBytes(dir.resolve("db").resolve("doorstep.mv.db"));
        open();
        return bytes;
    }

    // ---- the verification scan

    /** Asserts that no remaining key (nor a restored stale copy of a destroyed key file) decrypts this ciphertext. */
    void assertUndecryptable(byte[] ciphertext) throws Exception {
        SegmentKeyStore fresh = new SegmentKeyStore(app.dataDir().keys());
        Path tmp = Files.createTempFile(dir, "scan", ".bin");
        Files.write(tmp, ciphertext);
        SegmentCrypto.Header header;
        try (FileChannel ch = FileChannel.open(tmp)) {
            header = SegmentCrypto.readHeader(ch);
        }
        assertThat(fresh.find(header.keyId())).as("key %s still exists", header.keyId()).isEmpty();
        // a stale copy of the destroyed key's file, put back: wrapped under a key-encryption key that is gone
        byte[] staleKey = stale.get("keys/segments/" + header.keyId() + ".key");
        assertThat(staleKey).isNotNull();
        Path restored = app.dataDir().keys().resolve("segments").resolve(header.keyId() + ".key");
        Files.write(restored, staleKey);
        assertThat(new SegmentKeyStore(app.dataDir().keys()).find(header.keyId())).isEmpty();
        Files.deleteIfExists(restored);
        // and no other remaining key opens its first chunk
        int len;
        try (FileChannel ch = FileChannel.open(tmp)) {
            ByteBuffer w = ByteBuffer.allocate(4);
            ch.read(w, header.length());
            len = w.getInt(0) & 0x7fffffff;
        }
        for (String id : fresh.keyIds()) {
            byte[] secret = fresh.find(id).orElseThrow().secret();
            SegmentCrypto.ChunkDecryptor d = new SegmentCrypto.ChunkDecryptor(secret, header);
            byte[] out = new byte[len];
            for (boolean last : new boolean[] {false, true}) {
                try {
                    d.decrypt(0, last, ciphertext, header.length() + 4, len, out);
                    throw new AssertionError("key " + id + " decrypts erased footage");
                } catch (java.security.GeneralSecurityException expected) {
                    // as it should be
                }
            }
        }
        Files.delete(tmp);
    }

    /** Every file in the data folder, as text (ISO-8859-1 keeps every byte), to search for markers. */
    Map<String, String> allFilesAsText() throws IOException {
        app.close();
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        open();
        return out;
    }

    /** The decrypted bytes of a segment or thumbnail that is still there. */
    byte[] decrypt(String relative) throws IOException {
        try (DecryptingSegmentReader r = DecryptingSegmentReader.open(dir.resolve(relative), new SegmentKeyStore(app.dataDir().keys()));
             InputStream in = r.stream(0)) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
