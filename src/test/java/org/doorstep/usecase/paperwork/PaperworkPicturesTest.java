package org.doorstep.usecase.paperwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.doorstep.store.Camera;
import org.doorstep.store.OwnerInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sign pictures in {@code docs/paperwork/}, made by the real renderer from an example household (the README and
 * PRIVACY.md show them): {@code ./mvnw -q -Pscreenshots test -Dtest=PaperworkPicturesTest}.
 */
@Tag("screenshots")
class PaperworkPicturesTest {
    @Test
    void writesTheEnglishAndGermanSignIntoDocs() throws Exception {
        Camera door = Camera.newCamera("Front door", URI.create("rtsp://192.168.1.20/main"), null, null,
                Duration.ofHours(48));
        Paperwork paperwork = new Paperwork(() -> List.of(door), () -> Optional.of(new OwnerInfo("Alex Example",
                "Example Street 1, 12345 Example Town, alex@example.org",
                "To see who is at the door and to protect our home against break-ins.", "household", false)),
                () -> 0, null, Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);
        Paperwork german = new Paperwork(() -> List.of(door.withName("Haustür")), () -> Optional.of(new OwnerInfo(
                "Alex Beispiel", "Beispielstraße 1, 12345 Beispielstadt, alex@example.org",
                "Um zu sehen, wer vor der Tür steht, und um unser Zuhause vor Einbrüchen zu schützen.", "household",
                false)), () -> 0, null, Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC),
                ZoneOffset.UTC);
        Path docs = Path.of("docs", "paperwork");
        Path en = paperwork.write(Paperwork.Kind.SIGN, Locale.ENGLISH, PaperSize.A4, docs.resolve("sign-en.png"));
        Path de = german.write(Paperwork.Kind.SIGN, Locale.GERMAN, PaperSize.A4, docs.resolve("sign-de.png"));
        for (Path png : List.of(en, de)) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(Paperwork.pngPixels(PaperSize.A4)[0]);
        }
    }
}
