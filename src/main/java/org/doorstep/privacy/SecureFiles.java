package org.doorstep.privacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Removing key material: overwrite in place and sync before deleting, so the file's own blocks hold zeros. */
final class SecureFiles {
    private SecureFiles() {}

    /** Returns false when there was no such file. */
    static boolean overwriteAndDelete(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[(int) Math.max(64, ch.size())]), 0);
            ch.force(true);
        }
        Files.delete(file);
        return true;
    }
}
