package org.doorstep.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Stop recording now" flags (an objection), in a small file of the data folder rather than the database: a second
 * process ({@code doorstep camera stop} while the window or {@code record} holds the folder) can set them without the
 * folder's lock, and the recorder reads them every few seconds. Camera names cannot contain control characters
 * ({@code CameraCatalog.validName}), so one line per flag, tab-separated, is unambiguous.
 *
 * <p>A flag names the camera and, once known, its id (a process without the database writes the name only; the
 * recorder adds the id when it applies the flag), so that renaming a stopped camera does not start it again.
 *
 * <pre>
 * all	2026-11-30T08:00:00Z
 * camera	Porch	2026-11-30T08:00:00Z	3
 * </pre>
 */
public final class RecordingObjections {
    /** One flag: a camera's name, or null for every camera; its id when known (null otherwise). */
    public record Objection(String camera, Instant since, Long cameraId) {
        public Objection(String camera, Instant since) {
            this(camera, since, null);
        }

        /** Whether the flag covers the camera {@code name} with {@code id}. */
        public boolean covers(String name, long id) {
            return camera == null || (cameraId != null ? cameraId == id : camera.equals(name));
        }
    }

    private final Path file;

    public RecordingObjections(Path dataFolder) {
        this.file = dataFolder.resolve("recording-stops.txt");
    }

    /** What the flag file looks like on disk, to notice a change without reading it. */
    public record Stamp(boolean exists, long modifiedNanos, long size) {
        /*
         * equals and hashCode in plain code: a record's generated ones go through method handles, and asked only every
         * 2 s they are never compiled, so interpreted they cost about a millisecond per check (the "objections"
         * thread's unexplained half percent of a core in CameraCostBench).
         */
        @Override
        public boolean equals(Object o) {
            return o instanceof Stamp other && exists == other.exists && modifiedNanos == other.modifiedNanos
                    && size == other.size;
        }

        @Override
        public int hashCode() {
            return (Boolean.hashCode(exists) * 31 + Long.hashCode(modifiedNanos)) * 31 + Long.hashCode(size);
        }
    }

    /** The flag file's existence, modification time and size now. */
    public synchronized Stamp stamp() {
        if (!file.toFile().exists()) {
            return new Stamp(false, 0, 0); // the usual case, asked every 2 s: no exception thrown and caught for it
        }
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class);
            return new Stamp(true, a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), a.size());
        } catch (IOException e) {
            return new Stamp(false, 0, 0);
        }
    }

    /** The flags now; none when the file is missing. A line that cannot be read is skipped. */
    public synchronized List<Objection> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Objection> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            try {
                if (f.length == 2 && f[0].equals("all")) {
                    out.add(new Objection(null, Instant.parse(f[1])));
                } else if (f.length == 3 && f[0].equals("camera")) {
                    out.add(new Objection(f[1], Instant.parse(f[2])));
                } else if (f.length == 4 && f[0].equals("camera")) {
                    out.add(new Objection(f[1], Instant.parse(f[2]), Long.parseLong(f[3])));
                }
            } catch (DateTimeParseException | NumberFormatException ignored) {
                // a damaged line stops nothing rather than everything
            }
        }
        return out;
    }

    /** Whether recording of {@code camera} is stopped, by its own flag or the one for all cameras. */
    public boolean stops(String camera) throws IOException {
        return find(camera).isPresent();
    }

    /** Whether recording of the camera {@code name} with {@code id} is stopped (also after a rename). */
    public boolean stops(String name, long id) throws IOException {
        return read().stream().anyMatch(o -> o.covers(name, id));
    }

    /** Adds the id to a flag written by name only, so that it follows the camera through a rename. */
    public synchronized void identify(String name, long id) throws IOException {
        List<Objection> now = new ArrayList<>();
        boolean changed = false;
        for (Objection o : read()) {
            if (o.camera() != null && o.cameraId() == null && o.camera().equals(name)) {
                now.add(new Objection(name, o.since(), id));
                changed = true;
            } else {
                now.add(o);
            }
        }
        if (changed) {
            write(now);
        }
    }

    /** Sets a flag for one camera, naming its id. */
    public synchronized void set(String camera, long id, Instant since) throws IOException {
        List<Objection> now = new ArrayList<>(read());
        if (now.stream().noneMatch(o -> o.camera() != null && o.covers(camera, id))) {
            now.add(new Objection(camera, since, id));
            write(now);
        }
    }

    /** Clears the flags of the camera {@code name} with {@code id} (by id, or by name where no id is known). */
    public synchronized boolean clear(String name, long id) throws IOException {
        List<Objection> now = new ArrayList<>(read());
        boolean removed = now.removeIf(o -> o.camera() != null && o.covers(name, id));
        if (removed) {
            write(now);
        }
        return removed;
    }

    /** The flag that stops {@code camera}, if any (the one for all cameras first). */
    public Optional<Objection> find(String camera) throws IOException {
        for (Objection o : read()) {
            if (o.camera() == null || o.camera().equals(camera)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** Sets a flag (camera null: all cameras); setting one that exists keeps its first time. */
    public synchronized void set(String camera, Instant since) throws IOException {
        List<Objection> now = new ArrayList<>(read());
        boolean present = now.stream().anyMatch(o -> java.util.Objects.equals(o.camera(), camera));
        if (!present) {
            now.add(new Objection(camera, since));
            write(now);
        }
    }

    /** Clears one camera's flag (camera null: every flag). Returns whether anything was cleared. */
    public synchronized boolean clear(String camera) throws IOException {
        List<Objection> now = new ArrayList<>(read());
        boolean removed = camera == null ? !now.isEmpty() : now.removeIf(o -> camera.equals(o.camera()));
        if (camera == null) {
            now.clear();
        }
        if (removed) {
            write(now);
        }
        return removed;
    }

    /** Follows a renamed camera. */
    public synchronized void renamed(String from, String to) throws IOException {
        List<Objection> now = new ArrayList<>();
        boolean changed = false;
        for (Objection o : read()) {
            if (from.equals(o.camera())) {
                now.add(new Objection(to, o.since(), o.cameraId()));
                changed = true;
            } else {
                now.add(o);
            }
        }
        if (changed) {
            write(now);
        }
    }

    private void write(List<Objection> flags) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Objection o : flags) {
            text.append(o.camera() == null ? "all\t" + o.since() : "camera\t" + o.camera() + "\t" + o.since()
                    + (o.cameraId() == null ? "" : "\t" + o.cameraId())).append('\n');
        }
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        // whole or not at all: the recorder polling it never reads half a file
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
