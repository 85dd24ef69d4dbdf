package org.doorstep.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How big the disk holding a path is and how much of it is free. The recorder and retention ask it instead of the
 * file system directly, so a test can give them a disk that reports "full" without filling a real one.
 */
public interface DiskSpace {
    /** Bytes this process may still write on the disk holding {@code path}. */
    long usable(Path path) throws IOException;

    /** The disk's size in bytes. */
    long total(Path path) throws IOException;

    /**
     * The real disks, through {@link java.io.File}'s {@code statvfs}: the recorder asks at every keyframe, and
     * {@link Files#getFileStore} reads the whole mount table each time (about 45 µs against 1–2 µs here).
     */
    static DiskSpace system() {
        return new DiskSpace() {
            @Override
            public long usable(Path path) throws IOException {
                return existing(path).getUsableSpace();
            }

            @Override
            public long total(Path path) throws IOException {
                return existing(path).getTotalSpace();
            }

            private java.io.File existing(Path path) throws IOException {
                Path p = path.toAbsolutePath();
                while (p != null && !p.toFile().exists()) {
                    p = p.getParent(); // a folder not made yet lies on its nearest existing parent's disk
                }
                if (p == null) {
                    throw new java.nio.file.NoSuchFileException(path.toString());
                }
                return p.toFile();
            }
        };
    }
}
