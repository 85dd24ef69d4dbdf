package org.doorstep.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@link Settings}; a missing file means defaults, a damaged one is reported, never overwritten. */
public final class SettingsStore {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SettingsStore(Path file) {
        this.file = file;
    }

    public Settings load() throws IOException, DamagedSettingsException {
        if (!Files.exists(file)) {
            return Settings.defaults();
        }
        try {
            Settings read = json.readValue(file.toFile(), Settings.class);
            return read == null ? Settings.defaults() : read;
        } catch (JacksonException e) {
            throw new DamagedSettingsException(file, e.getOriginalMessage());
        }
    }

    public void save(Settings settings) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        json.writeValue(tmp.toFile(), settings);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The settings file exists but is not valid settings JSON. */
    public static final class DamagedSettingsException extends Exception {
        private final Path file;

        public DamagedSettingsException(Path file, String detail) {
            super("settings file " + file + " is damaged: " + detail);
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }
}
