package org.doorstep.usecase.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.doorstep.common.JsonMapper;
import org.doorstep.media.HwAccel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hardware-decoder probe's answer, kept in a file so a start does not probe again (it decodes a test clip with
 * every candidate, about a second). It is used only for the same machine — the FFmpeg version, the OS and its version,
 * and the GPU devices it shows — and for at most {@link #MAX_AGE}: a new driver or graphics card is found again.
 */
final class HwProbeCache {
    private static final Logger LOG = LoggerFactory.getLogger(HwProbeCache.class);
    static final Duration MAX_AGE = Duration.ofDays(30);

    /** What the file holds: the machine it was probed on, the decoders that worked, and when. */
    record Entry(String machine, List<String> working, Instant probedAt) {}

    private final Path file;
    private final String machine;
    private final Clock clock;
    private final ObjectMapper json = JsonMapper.create();

    HwProbeCache(Path file, String machine, Clock clock) {
        this.file = file;
        this.machine = machine;
        this.clock = clock;
    }

    /** The decoders a probe on this machine found, if one was kept and is still young enough. */
    Optional<List<HwAccel>> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Entry e = json.readValue(file.toFile(), Entry.class);
            if (e.machine() == null || !e.machine().equals(machine) || e.probedAt() == null
                    || e.probedAt().isBefore(clock.instant().minus(MAX_AGE)) || e.working() == null) {
                return Optional.empty();
            }
            List<HwAccel> working = new ArrayList<>();
            for (String id : e.working()) {
                Optional<HwAccel> a = HwAccel.byId(id);
                if (a.isEmpty()) {
                    return Optional.empty(); // written by another version: probe again
                }
                working.add(a.get());
            }
            return Optional.of(List.copyOf(working));
        } catch (IOException | RuntimeException e) {
            LOG.info("hardware-decoder cache {} not used: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Keeps a probe's answer (written whole or not at all). */
    void write(List<HwAccel> working) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(temp.toFile(), new Entry(machine, working.stream().map(HwAccel::id).toList(),
                    clock.instant()));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.info("hardware-decoder probe not kept: {}", e.getMessage());
        }
    }

    /**
     * This machine as the probe sees it: the FFmpeg version, the OS, and on Linux the render devices and the NVIDIA
     * driver version (elsewhere the OS version, which a driver update usually changes, and the maximum age).
     */
    static String machineKey(String ffmpegVersion) {
        StringBuilder key = new StringBuilder("ffmpeg=").append(ffmpegVersion)
                .append(";os=").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(";arch=").append(System.getProperty("os.arch"));
        Path dri = Path.of("/dev/dri");
        if (Files.isDirectory(dri)) {
            try (Stream<Path> devices = Files.list(dri)) {
                key.append(";dri=").append(String.join(",", devices.map(p -> p.getFileName().toString()).sorted().toList()));
            } catch (IOException e) {
                key.append(";dri=?");
            }
        }
        Path nvidia = Path.of("/proc/driver/nvidia/version");
        if (Files.isReadable(nvidia)) {
            try {
                key.append(";nvidia=").append(Files.readAllLines(nvidia, StandardCharsets.UTF_8).stream().findFirst()
                        .orElse(""));
            } catch (IOException e) {
                key.append(";nvidia=?");
            }
        }
        return key.toString();
    }
}
