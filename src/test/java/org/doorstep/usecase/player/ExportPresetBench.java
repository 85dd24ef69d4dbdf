package org.doorstep.usecase.player;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.doorstep.App;
import org.doorstep.store.DataDir;
import org.doorstep.usecase.cameras.PolygonText;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long each preset takes for one minute of the virtual doorbell's 720p15 main stream (recorded for real, about a
 * minute). Prints numbers; asserts nothing about time. Run: {@code ./mvnw -o -q -Pbench test -Dtest=ExportPresetBench}.
 */
@Tag("bench")
class ExportPresetBench {
    @TempDir
    Path dir;

    @Test
    void oneMinuteOf720p() throws Exception {
        Instant[] range = DoorbellFootage.record(dir.resolve("data"), 60);
        try (App app = App.open(new DataDir(dir.resolve("data")), "preset bench")) {
            for (ExportPreset preset : ExportPreset.values()) {
                Path out = dir.resolve(preset.cliName() + ".mp4");
                List<org.doorstep.motion.MotionMask.Polygon> blur = preset == ExportPreset.ACCESS_REQUEST
                        ? PolygonText.parseAll(List.of("0,0 0.4,0 0.4,1 0,1")) : List.of();
                long t0 = System.nanoTime();
                PresetExports.Outcome o = app.presetExports().export(new PresetExports.Request(DoorbellFootage.CAMERA,
                        range[0], range[1], out, preset, blur, Locale.ENGLISH), f -> { }, () -> false);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                Duration d = o.video().duration();
                System.out.printf(Locale.ROOT, "BENCH preset %-15s %5.1f s of 720p15 -> %6d ms (%.2fx real time), %d KB%n",
                        preset.cliName(), d.toMillis() / 1000.0, ms, d.toMillis() / (double) Math.max(1, ms),
                        o.video().bytes() / 1024);
            }
        }
    }
}
