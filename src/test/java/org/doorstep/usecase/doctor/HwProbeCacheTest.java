package org.doorstep.usecase.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.doorstep.media.HwAccel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hardware-decoder probe runs once per machine and FFmpeg version, not at every start. */
class HwProbeCacheTest {
    @TempDir
    Path dir;

    @Test
    void theProbeRunsOnceAndAgainOnlyForAnotherFfmpegOrADamagedFile() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        String[] version = {"8.1.2"};
        MachineCheck machine = new MachineCheck(() -> {
            probes.incrementAndGet();
            return List.of(HwAccel.VAAPI);
        }, () -> version[0]);
        Path cache = dir.resolve("cache").resolve("hw-decoders.json");

        assertThat(machine.hardwareDecoders("auto", cache)).containsExactly(HwAccel.VAAPI);
        assertThat(probes).hasValue(1);
        assertThat(cache).exists();
        // the next starts read the kept answer
        assertThat(machine.hardwareDecoders("auto", cache)).containsExactly(HwAccel.VAAPI);
        assertThat(new MachineCheck(() -> {
            probes.incrementAndGet();
            return List.of();
        }, () -> version[0]).hardwareDecoders("auto", cache)).containsExactly(HwAccel.VAAPI);
        assertThat(probes).hasValue(1);
        // a choice other than automatic never probes
        assertThat(machine.hardwareDecoders("off", cache)).isEmpty();
        assertThat(probes).hasValue(1);

        // another FFmpeg version: probed again
        version[0] = "8.2";
        assertThat(machine.hardwareDecoders("auto", cache)).containsExactly(HwAccel.VAAPI);
        assertThat(probes).hasValue(2);

        // a damaged file: probed again, and written whole
        Files.writeString(cache, "{ not json");
        assertThat(machine.hardwareDecoders("auto", cache)).containsExactly(HwAccel.VAAPI);
        assertThat(probes).hasValue(3);
        assertThat(Files.readString(cache)).contains("\"vaapi\"");
    }

    @Test
    void anAnswerOlderThanThirtyDaysIsProbedAgain() {
        String key = HwProbeCache.machineKey("8.1.2");
        Path file = dir.resolve("hw.json");
        Instant then = Instant.parse("2026-10-01T00:00:00Z");
        new HwProbeCache(file, key, Clock.fixed(then, ZoneOffset.UTC)).write(List.of(HwAccel.CUDA));

        assertThat(new HwProbeCache(file, key, Clock.fixed(then.plus(HwProbeCache.MAX_AGE).minusSeconds(60),
                ZoneOffset.UTC)).read()).contains(List.of(HwAccel.CUDA));
        assertThat(new HwProbeCache(file, key, Clock.fixed(then.plus(HwProbeCache.MAX_AGE).plusSeconds(60),
                ZoneOffset.UTC)).read()).isEmpty();
        assertThat(new HwProbeCache(file, key + ";dri=renderD129", Clock.fixed(then, ZoneOffset.UTC)).read())
                .as("another GPU").isEmpty();
        assertThat(key).contains("ffmpeg=8.1.2", "os=", "arch=");
    }
}
