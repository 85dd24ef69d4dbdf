package org.doorstep.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.doorstep.common.Permissions;

/**
 * Reads and writes {@link AccessSettings} ({@code access.json}, owner-only). A missing file means no lock; a damaged
 * one is reported, never taken for "no lock" (that would open a locked install to whoever breaks the file).
 */
public final class AccessSettingsStore {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public AccessSettingsStore(Path file) {
        this.file = file;
    }

    public synchronized AccessSettings load() throws IOException {
        if (!Files.exists(file)) {
            return AccessSettings.defaults();
        }
        try {
            return json.readValue(file.toFile(), AccessSettings.class);
        } catch (JacksonException e) {
            throw new IOException("access settings " + file + " are damaged: " + e.getOriginalMessage());
        }
    }

    public synchronized void save(AccessSettings settings) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        Permissions.ownerOnly(tmp);
        json.writeValue(tmp.toFile(), settings);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
