package org.doorstep.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Makes one process the owner of a data directory, so the window and a headless recorder never
 * write the same database and segment files. The OS releases the lock when the process dies, even
 * on kill -9, so a crash never leaves the folder locked.
 */
public final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    private final Path ownerFile;

    private DataDirLock(FileChannel channel, FileLock lock, Path ownerFile) {
        this.channel = channel;
        this.lock = lock;
        this.ownerFile = ownerFile;
    }

    /** The owner that holds the directory, as written by it. */
    public record Owner(long pid, String command, Instant since) {
        String serialise() {
            return pid + "\n" + command.replace('\n', ' ') + "\n" + since + "\n";
        }

        static Owner parse(String text) {
            String[] lines = text.split("\n");
            try {
                return new Owner(Long.parseLong(lines[0].trim()), lines.length > 1 ? lines[1] : "?",
                        lines.length > 2 ? Instant.parse(lines[2].trim()) : null);
            } catch (RuntimeException e) {
                return new Owner(-1, "?", null);
            }
        }
    }

    /** Thrown when another process owns the directory. */
    public static final class HeldElsewhereException extends Exception {
        private final Owner owner;

        HeldElsewhereException(Owner owner) {
            super("data directory in use by process " + owner.pid());
            this.owner = owner;
        }

        public Owner owner() {
            return owner;
        }
    }

    public static DataDirLock acquire(DataDir dir, String command) throws IOException, HeldElsewhereException {
        Files.createDirectories(dir.root());
        FileChannel channel = FileChannel.open(dir.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new HeldElsewhereException(readOwner(dir));
        }
        Owner me = new Owner(ProcessHandle.current().pid(), command, Instant.now());
        Files.writeString(dir.ownerFile(), me.serialise(), StandardCharsets.UTF_8);
        return new DataDirLock(channel, lock, dir.ownerFile());
    }

    static Owner readOwner(DataDir dir) {
        try {
            return Owner.parse(Files.readString(dir.ownerFile(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Owner(-1, "?", null);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(ownerFile);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
