package org.doorstep.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPU of one masked 1080p15 camera: decode + black polygons + encode, with the software encoder (libopenh264) and
 * with each hardware encoder that opens on this machine, against packet copy (reading the same packets only). A
 * generated 10 s clip with grain and a walker stands in for the camera; two runs each, both printed.
 *
 * <p>Run: {@code ./mvnw -o -q -Pbench test -Dtest=PrivacyMaskBench}
 */
@Tag("bench")
class PrivacyMaskBench {

    @TempDir
    Path dir;

    @Test
    void cpuOfOneMasked1080p15Camera() throws Exception {
        int seconds = Integer.getInteger("mask.seconds", 10);
        Path clip = MaskingCost.writeClip(dir, 1920, 1080, 15, seconds);
        List<String> encoders = new ArrayList<>(List.of("copy"));
        for (H264Encoders.Result r : H264Encoders.probeAll()) {
            if (r.works()) {
                encoders.add(r.name());
            } else {
                System.out.printf(Locale.ROOT, "%-18s skipped: %s%n", r.name(), r.reason());
            }
        }
        MaskingCost.measure(clip, "libopenh264", MaskingCost.leftThird()); // warm-up: JIT, library loading
        for (String encoder : encoders) {
            for (int run = 1; run <= 2; run++) {
                MaskingCost.Result r = MaskingCost.measure(clip, encoder, MaskingCost.leftThird());
                System.out.printf(Locale.ROOT,
                        "%-18s run %d: %dx%d@%d, %d frames, cpu %.2f s, wall %.2f s -> %.1f %% of one core per camera%n",
                        encoder, run, r.width(), r.height(), r.fps(), r.frames(), r.cpuSeconds(), r.wallSeconds(),
                        r.percentOfCore());
            }
        }
    }
}
