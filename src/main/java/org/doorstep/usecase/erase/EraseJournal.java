package org.doorstep.usecase.erase;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.doorstep.common.JsonMapper;
import org.doorstep.common.Permissions;

/**
 * The erase journal, {@code erase-journal.json} in the data folder: written (and synced) before an erase changes
 * anything, removed when it is complete. When a process dies in the middle (kill -9, power cut), the next start finds
 * it and finishes the erase: every step can be run again from what the database and disk hold. It names the scope
 * and the key ids to destroy, nothing else: no file names, no event times beyond the scope itself.
 */
final class EraseJournal {
    /** What a started erase needs to be finished by another process. */
    record Entry(String receiptId, EraseScope scope, Long cameraId, Instant from, Instant to, List<String> keys,
                 List<Long> keptExports) {}

    private final Path file;
    private final ObjectMapper json = JsonMapper.create();

    EraseJournal(Path dataFolder) {
        this.file = dataFolder.resolve("erase-journal.json");
    }

    void write(Entry entry) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Permissions.ownerOnly(tmp);
            ch.write(java.nio.ByteBuffer.wrap(json.writeValueAsBytes(entry)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    Optional<Entry> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(json.readValue(file.toFile(), Entry.class));
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
