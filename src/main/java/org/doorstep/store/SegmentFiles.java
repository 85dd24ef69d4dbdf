package org.doorstep.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where segments live: {@code segments/<cameraId>/<yyyy-MM-dd>/<stream>-<yyyyMMddTHHmmssSSS>Z.dseg}. One folder per
 * camera-day keeps folders small (≤ ~1500 files at 60 s), and the name carries the recorder-clock start time so a
 * file whose index row was lost can be re-indexed.
 */
public final class SegmentFiles {
    public static final String EXTENSION = ".dseg";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("(main|sub)-(\\d{8}T\\d{9})Z\\.dseg");
    /** Marker file inside the segments folder naming the volume Doorstep records to. */
    public static final String VOLUME_MARKER = ".doorstep-volume";
    /** The same id, kept beside the segments folder (on the data-dir disk), so a restart can tell the volume too. */
    static final String EXPECTED_VOLUME = "segments.volume";
    /** Second line of {@link #EXPECTED_VOLUME}: the folder was a plain folder on its parent's disk when adopted. */
    private static final String PLAIN_FOLDER = "plain-folder";
    private final DataDir dataDir;
    private String volumeId; // guarded by this; null until the segments folder is adopted
    private boolean recreated; // guarded by this

    public SegmentFiles(DataDir dataDir) {
        this.dataDir = dataDir;
    }

    /**
     * Throws unless the segments folder is the one Doorstep records to. Why: when a USB drive mounted at (or holding)
     * the segments folder is unplugged, an empty mount folder can remain on the system disk; writing there would
     * silently fill the system disk and hide that the drive is gone. So the folder carries a marker with an id, and
     * a folder without it (or with another id) is reported as unavailable rather than written to. The marker is
     * created only when the folder is first adopted: Doorstep creates it, finds it empty, or finds footage from a
     * version without markers; never when an id was already recorded beside it and the folder lacks it.
     */
    public synchronized void checkVolume() throws IOException {
        Path root = root();
        Path marker = root.resolve(VOLUME_MARKER);
        if (volumeId == null) {
            boolean[] again = new boolean[1];
            volumeId = adopt(root, marker, again);
            recreated |= again[0];
            return;
        }
        String found;
        try {
            found = Files.readString(marker, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            if (deletedFromItsDisk(root)) {
                recreate(root, volumeId);
                recreated = true;
                return;
            }
            throw new IOException("the recordings folder " + root + " is missing or is not Doorstep's drive ("
                    + VOLUME_MARKER + " not readable: " + e + ")", e);
        }
        if (!found.equals(volumeId)) {
            throw new IOException("the recordings folder " + root + " holds another drive (volume " + found
                    + ", expected " + volumeId + ")");
        }
    }

    /**
     * Whether the folder was deleted and created again since the last call (then the index still lists files that
     * are gone: the caller turns those rows into a gap). Clears the flag.
     */
    public synchronized boolean takeRecreated() {
        boolean was = recreated;
        recreated = false;
        return was;
    }

    /**
     * Whether the recordings folder was deleted rather than unplugged: it is gone entirely (no empty mount folder, no
     * dangling link), the folder above it is still there, and when Doorstep adopted it, it was a plain folder on the
     * same disk as that parent. Then creating it again puts it where it was. Anything else (the parent gone too, a
     * link to another drive, an empty folder left by an unplugged drive) may be a missing drive, and creating
     * folders there would write footage onto the wrong disk.
     */
    private boolean deletedFromItsDisk(Path root) {
        if (Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path parent = root.getParent();
        return parent != null && Files.isDirectory(parent) && recordedAsPlainFolder();
    }

    private boolean recordedAsPlainFolder() {
        Path expectedFile = dataDir.root().resolve(EXPECTED_VOLUME);
        try {
            List<String> lines = Files.readAllLines(expectedFile, StandardCharsets.UTF_8);
            return lines.size() > 1 && lines.get(1).trim().equals(PLAIN_FOLDER);
        } catch (IOException e) {
            return false;
        }
    }

    private void recreate(Path root, String id) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve(VOLUME_MARKER), id + "\n", StandardCharsets.UTF_8);
        org.slf4j.LoggerFactory.getLogger(SegmentFiles.class)
                .warn("the recordings folder {} was deleted; created it again on the same disk", root);
    }

    /** A plain folder on its parent's disk (not a link, not a mount point of another drive). */
    private static boolean plainFolder(Path root) {
        try {
            return !Files.isSymbolicLink(root) && Files.getFileStore(root).equals(Files.getFileStore(root.getParent()));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void writeExpected(String id, Path root) throws IOException {
        Files.writeString(dataDir.root().resolve(EXPECTED_VOLUME),
                id + "\n" + (plainFolder(root) ? PLAIN_FOLDER : "other-disk") + "\n", StandardCharsets.UTF_8);
    }

    /** Whether the segments folder is present and Doorstep's (never throws). */
    public boolean volumePresent() {
        try {
            checkVolume(); // a deleted plain folder is created again here; its stale rows are the reconciler's
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String adopt(Path root, Path marker, boolean[] recreated) throws IOException {
        Path expectedFile = dataDir.root().resolve(EXPECTED_VOLUME);
        String expected = Files.isRegularFile(expectedFile)
                ? Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim() : null;
        if (Files.isRegularFile(marker)) {
            String id = Files.readString(marker, StandardCharsets.UTF_8).trim();
            if (expected != null && !expected.equals(id)) {
                throw new IOException("the recordings folder " + root + " holds another drive (volume " + id
                        + ", expected " + expected + ")");
            }
            if (expected == null) {
                writeExpected(id, root);
            }
            return id;
        }
        if (expected != null && deletedFromItsDisk(root)) {
            recreate(root, expected);
            recreated[0] = true;
            return expected;
        }
        if (expected != null) {
            // an id was recorded before but the folder lacks it: the drive is not there (an empty mount folder)
            throw new IOException("the recordings folder " + root + " is missing or is not Doorstep's drive (no "
                    + VOLUME_MARKER + ", expected volume " + expected + ")");
        }
        Files.createDirectories(root);
        String id = UUID.randomUUID().toString();
        Files.writeString(marker, id + "\n", StandardCharsets.UTF_8);
        writeExpected(id, root);
        return id;
    }

    /**
     * The recordings folder: {@code segments/} in the data folder, unless the owner moved it ("Move…", {@code storage
     * move}): then {@value #LOCATION} in the data folder names it. Read on every call, so every part of the process
     * (and a second SegmentFiles over the same folder) follows a move at once.
     */
    public Path root() {
        Path pointer = dataDir.root().resolve(LOCATION);
        if (!pointer.toFile().isFile()) {
            // the usual case, asked at every keyframe of every camera: a stat, not a thrown NoSuchFileException
            return dataDir.segments();
        }
        try {
            String where = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            if (!where.isEmpty()) {
                return Path.of(where);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return dataDir.segments();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // never fall back to another folder silently
        }
        return dataDir.segments();
    }

    /** File in the data folder naming a recordings folder elsewhere (absent: {@code segments/} in the data folder). */
    public static final String LOCATION = "segments.location";

    /**
     * Starts a new, empty recordings folder at {@code newRoot} (new or empty) and switches to it: the owner's answer
     * when the old folder's drive is gone for good.
     */
    public synchronized void startFresh(Path newRoot) throws IOException {
        Files.createDirectories(newRoot);
        Files.writeString(newRoot.resolve(VOLUME_MARKER), UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
        switchTo(newRoot);
    }

    /**
     * Makes {@code newRoot} the recordings folder (it must already hold the copied footage and its volume marker).
     * The switch is one atomic rename of the pointer file, so a crash leaves either the old or the new folder in use.
     */
    public synchronized void switchTo(Path newRoot) throws IOException {
        Path root = newRoot.toAbsolutePath().normalize();
        Path pointer = dataDir.root().resolve(LOCATION);
        if (root.equals(dataDir.segments())) {
            Files.deleteIfExists(pointer);
        } else {
            Path tmp = pointer.resolveSibling(LOCATION + ".tmp");
            Files.writeString(tmp, root + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, pointer, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        volumeId = null; // adopted again at the next check, with the new folder's disk recorded
        String id = Files.readString(root.resolve(VOLUME_MARKER), StandardCharsets.UTF_8).trim();
        writeExpected(id, root);
    }

    /** Path relative to the data directory, as stored in segment.file ('/'-separated). */
    public String relative(long cameraId, String stream, Instant start) {
        String day = start.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        return "segments/" + cameraId + "/" + day + "/" + stream + "-" + STAMP.format(start) + EXTENSION;
    }

    /** The file of a stored name ({@code segments/<camera>/<day>/<file>}), in the recordings folder wherever it is. */
    public Path resolve(String relative) {
        if (relative.startsWith("segments/")) {
            return root().resolve(relative.substring("segments/".length()));
        }
        return dataDir.root().resolve(relative);
    }

    /** The stored name of a file in the recordings folder. */
    public String relativize(Path file) {
        Path root = root();
        Path f = file.toAbsolutePath().normalize();
        if (f.startsWith(root)) {
            return "segments/" + root.relativize(f).toString().replace('\\', '/');
        }
        return dataDir.root().relativize(f).toString().replace('\\', '/');
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
