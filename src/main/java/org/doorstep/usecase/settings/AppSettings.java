package org.doorstep.usecase.settings;

import static org.doorstep.usecase.Indexed.get;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.Settings;
import org.doorstep.store.SettingsStore;
import org.doorstep.usecase.cameras.InvalidSettingsException;

/**
 * The application-wide choices the window edits (language, theme, storage cap and reserve, start with the computer,
 * keyframes only while still) and what the storage folder holds and needs. Saving applies at once where the running
 * parts can take it (the storage cap and reserve go to retention, keyframes while still to the motion analysis); the
 * language is read when a window is built.
 */
public final class AppSettings {
    /** How far back recorded bytes are read to estimate what an hour of each camera takes. */
    static final Duration SAMPLE = Duration.ofHours(24);

    private final SettingsStore store;
    private final CameraRepository cameras;
    private final SegmentIndex segments;
    private final Path folder;
    private final Consumer<Settings> applied;
    private final Clock clock;
    private Settings current;
    /** Saving settings needs the app unlocked. */
    private final org.doorstep.usecase.lock.AppLock lock;

    /**
     * @param current what the app runs with now
     * @param applied told about saved settings, so running parts (retention) follow without a restart
     */
    public AppSettings(SettingsStore store, Settings current, CameraRepository cameras, SegmentIndex segments,
                       Path folder, Consumer<Settings> applied, org.doorstep.usecase.lock.AppLock lock, Clock clock) {
        this.lock = lock;
        this.store = store;
        this.current = current;
        this.cameras = cameras;
        this.segments = segments;
        this.folder = folder;
        this.applied = applied;
        this.clock = clock;
    }

    /**
     * The window's choices. {@code language} is "en", "de" or null (the system's).
     *
     * @param keyframesWhileStill sub streams too decode only keyframes while nothing moves (see {@link Settings})
     */
    public record Choices(String language, long storageCapBytes, long reserveBytes, String theme,
                          boolean startWithComputer, boolean keyframesWhileStill) {

        /** The same choices, starting with the computer or not. */
        public Choices withStartWithComputer(boolean on) {
            return new Choices(language, storageCapBytes, reserveBytes, theme, on, keyframesWhileStill);
        }

        /** The same choices, with sub streams decoding only keyframes while still or not. */
        public Choices withKeyframesWhileStill(boolean on) {
            return new Choices(language, storageCapBytes, reserveBytes, theme, startWithComputer, on);
        }
    }

    /** The storage folder, its free space, and what the cameras' retention needs at the rate they record. */
    public record Storage(Path folder, long freeBytes, long usedBytes, long neededBytes, int camerasWithoutData) {}

    public synchronized Choices choices() {
        return new Choices(current.language(), current.storageCapBytes(), current.minFreeBytes(), current.theme(),
                current.startWithComputer(), current.keyframesWhileStill());
    }

    public synchronized Settings current() {
        return current;
    }

    /** Checks and stores the choices, or says per field what is wrong. */
    public synchronized Choices save(Choices c) {
        lock.require(org.doorstep.usecase.lock.AppLock.Access.SETTINGS);
        Messages m = Messages.of("settings");
        Map<String, String> problems = new LinkedHashMap<>();
        String language = c.language() == null || c.language().isBlank() ? null
                : c.language().strip().toLowerCase(Locale.ROOT);
        if (language != null && !language.equals("en") && !language.equals("de")) {
            problems.put("language", m.get("app.error.language", c.language()));
        }
        String theme = c.theme() == null ? "system" : c.theme().strip().toLowerCase(Locale.ROOT);
        if (!List.of("system", "light", "dark").contains(theme)) {
            problems.put("theme", m.get("app.error.theme", c.theme()));
        }
        if (c.storageCapBytes() < 0) {
            problems.put("storageCapBytes", m.get("app.error.negative"));
        }
        if (c.reserveBytes() < 0) {
            problems.put("reserveBytes", m.get("app.error.negative"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        Settings next = current.withWindowChoices(language, c.storageCapBytes(), c.reserveBytes(), theme,
                c.startWithComputer(), c.keyframesWhileStill());
        try {
            store.save(next);
        } catch (IOException e) {
            throw new UserException(m.get("app.error.save", store.toString()));
        }
        current = next;
        applied.accept(next);
        return choices();
    }

    public Storage storage() {
        long free;
        try {
            free = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            free = -1;
        }
        long used = get(segments::totalBytes);
        Instant since = clock.instant().minus(SAMPLE);
        long needed = 0;
        int withoutData = 0;
        for (Camera camera : get(cameras::all)) {
            if (!camera.enabled()) {
                continue;
            }
            List<SegmentRow> rows = new ArrayList<>(get(() -> segments.find(camera.id(), since, null)));
            long bytes = rows.stream().mapToLong(SegmentRow::bytes).sum();
            long millis = rows.stream().mapToLong(r -> r.duration().toMillis()).sum();
            if (millis < 60_000) {
                withoutData++;
                continue;
            }
            double perHour = bytes * 3_600_000.0 / millis;
            needed += (long) (perHour * camera.retention().toMillis() / 3_600_000.0);
        }
        return new Storage(folder, free, used, needed, withoutData);
    }
}
