package org.doorstep.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes {@link Settings}; a missing file means defaults, a missing key its default, and a damaged file is
 * reported, never overwritten.
 */
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
            JsonNode read = json.readTree(file.toFile());
            if (read.isNull()) {
                return Settings.defaults();
            }
            if (!read.isObject()) {
                throw new DamagedSettingsException(file, read.isMissingNode() ? "empty" : "not a JSON object");
            }
            // Laid over the defaults, because a key the file lacks (an older version, a hand-written file) would
            // otherwise bind as 0, and 0 is a real choice for some settings (no free-space reserve).
            ObjectNode merged = json.valueToTree(Settings.defaults());
            // a key written as null ("minFreeBytes": null, what some editors and scripts leave) counts as missing:
            // bound as it is, null becomes 0 for a number and switches the free-disk reserve off
            read.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
            return json.treeToValue(merged, Settings.class);
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
