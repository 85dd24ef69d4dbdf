package org.doorstep.usecase.desktop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.doorstep.common.JsonMapper;

/**
 * Which desktop notifications come (doorbell rings, cameras lost for over a minute; both on unless switched off) and
 * the quiet hours per camera (by camera id, so a rename keeps them), kept in {@code notifications.json} in the data
 * folder. Read once, written whole on each change (write to a temporary file, then move).
 */
public final class NotificationSettings {
    /** Everything the notifications section of the settings shows and saves at once. */
    public record Choices(boolean rings, boolean cameraLost, Map<Long, QuietHours> quietHours) {
        public Choices {
            quietHours = Map.copyOf(quietHours);
        }
    }

    private final Path file;
    private final ObjectMapper json = JsonMapper.create();
    private final Map<Long, QuietHours> quiet = new TreeMap<>();
    private boolean rings = true;
    private boolean cameraLost = true;

    public NotificationSettings(Path file) {
        this.file = file;
        load();
    }

    public synchronized Optional<QuietHours> quietHours(long cameraId) {
        return Optional.ofNullable(quiet.get(cameraId));
    }

    public synchronized Map<Long, QuietHours> all() {
        return Map.copyOf(quiet);
    }

    /** Whether a doorbell ring shows a notification. */
    public synchronized boolean rings() {
        return rings;
    }

    /** Whether a camera lost for over a minute shows a notification. */
    public synchronized boolean cameraLost() {
        return cameraLost;
    }

    public synchronized Choices choices() {
        return new Choices(rings, cameraLost, quiet);
    }

    /** Saves all choices at once (the settings window's Save): quiet hours of cameras not named are removed. */
    public synchronized void save(Choices choices) {
        rings = choices.rings();
        cameraLost = choices.cameraLost();
        quiet.clear();
        quiet.putAll(choices.quietHours());
        save();
    }

    /** Switches one kind of notification on or off ({@code doorstep notify --rings on}). */
    public synchronized void setKinds(boolean rings, boolean cameraLost) {
        this.rings = rings;
        this.cameraLost = cameraLost;
        save();
    }

    /** Sets a camera's quiet hours, or removes them with {@code null}. */
    public synchronized void setQuietHours(long cameraId, QuietHours hours) {
        if (hours == null) {
            quiet.remove(cameraId);
        } else {
            quiet.put(cameraId, hours);
        }
        save();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            ObjectNode root = (ObjectNode) json.readTree(file.toFile());
            rings = root.path("rings").asBoolean(true);
            cameraLost = root.path("cameraLost").asBoolean(true);
            ObjectNode hours = (ObjectNode) root.path("quietHours");
            for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = hours.fields();
                 it.hasNext(); ) {
                Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
                QuietHours.parse(e.getValue().asText()).ifPresent(q -> quiet.put(Long.parseLong(e.getKey()), q));
            }
        } catch (IOException | ClassCastException | NumberFormatException e) {
            // a damaged file only loses quiet hours and switched-off kinds: notifications then come at all hours,
            // which is the safe side
            org.slf4j.LoggerFactory.getLogger(NotificationSettings.class)
                    .warn("notifications.json unreadable, quiet hours off: {}", e.getClass().getSimpleName());
        }
    }

    private void save() {
        ObjectNode root = json.createObjectNode();
        root.put("rings", rings);
        root.put("cameraLost", cameraLost);
        ObjectNode hours = root.putObject("quietHours");
        quiet.forEach((id, q) -> hours.put(Long.toString(id), q.toString()));
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
