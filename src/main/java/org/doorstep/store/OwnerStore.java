package org.doorstep.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Keeps {@link OwnerInfo} as JSON in the data folder, apart from {@code settings.json}: the settings file is
 * rewritten whole from its record, which would drop keys it does not know.
 */
public final class OwnerStore {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public OwnerStore(Path file) {
        this.file = file;
    }

    /** What was stored; empty when the owner was never asked (or the file cannot be read). */
    public Optional<OwnerInfo> load() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(file.toFile(), OwnerInfo.class));
        } catch (JacksonException e) {
            throw new IOException("owner file " + file.getFileName() + " is damaged: " + e.getOriginalMessage(), e);
        }
    }

    public void save(OwnerInfo info) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        json.writeValue(tmp.toFile(), info);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
