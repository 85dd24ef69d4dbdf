package org.doorstep.usecase.paperwork;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.doorstep.store.Camera;
import org.doorstep.store.OwnerInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How long the papers take to make (4 cameras): {@code ./mvnw -o -q -Pbench test -Dtest=PaperworkBench}. */
@Tag("bench")
class PaperworkBench {
    @Test
    void timesEachDocument() {
        List<Camera> cameras = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cameras.add(Camera.newCamera("Camera " + i, URI.create("rtsp://192.168.1.2" + i + "/main"), null, null,
                    Duration.ofHours(48)));
        }
        Paperwork paperwork = new Paperwork(() -> cameras, () -> Optional.of(new OwnerInfo("Alex Example",
                "alex@example.org", "To see who is at the door.", "household", false)), () -> 0, null,
                Clock.systemUTC(), java.time.ZoneOffset.UTC);
        time("sign PDF A4", () -> paperwork.pdf(Paperwork.Kind.SIGN, Locale.GERMAN, PaperSize.A4));
        time("sign PNG A4 150 dpi", () -> paperwork.signPng(Locale.GERMAN, PaperSize.A4));
        time("record PDF A4", () -> paperwork.pdf(Paperwork.Kind.RECORD, Locale.GERMAN, PaperSize.A4));
    }

    private static void time(String what, Supplier<byte[]> make) {
        int size = 0;
        for (int i = 0; i < 3; i++) {
            size = make.get().length; // warm-up
        }
        long[] ms = new long[10];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            make.get();
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("%-22s p50 %4d ms  max %4d ms  %,d bytes%n", what, ms[ms.length / 2], ms[ms.length - 1],
                size);
    }
}
