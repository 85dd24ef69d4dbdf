package org.doorstep.usecase.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.doorstep.App;
import org.doorstep.common.UserException;
import org.doorstep.privacy.EncryptedThumbnails;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.privacy.ThumbnailSink;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.events.EventReview.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review use case over a real H2 file, real encrypted thumbnails and real index rows. */
class EventReviewTest {
    @TempDir
    Path dir;
    App app;
    EventRepository events;
    SegmentIndex segments;
    EncryptedThumbnails thumbnails;
    long porch;
    long yard;
    /** A day two days back, in UTC: old enough to be complete, young enough to be within 48 hours' retention. */
    LocalDate day;

    @BeforeEach
    void open() throws Exception {
        app = App.open(new DataDir(dir), "test");
        app.catalog().add(new CameraCatalog.ByAddress("Porch", "rtsp://10.0.0.2/main", null, null, null, null));
        app.catalog().add(new CameraCatalog.ByAddress("Yard", "rtsp://10.0.0.3/main", null, null, null, null));
        porch = app.catalog().require("Porch").id();
        yard = app.catalog().require("Yard").id();
        events = new EventRepository(app.database());
        segments = new SegmentIndex(app.database());
        thumbnails = new EncryptedThumbnails(app.dataDir(), new SegmentKeyStore(app.dataDir().keys()));
        day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void listsADayNewestFirstByKindAndCamera() throws Exception {
        StoredEvent motion = event(porch, StoredEvent.MOTION, at(9, 0), null);
        StoredEvent ring = event(porch, StoredEvent.RING, at(10, 0), null);
        StoredEvent cameraMotion = event(yard, StoredEvent.CAMERA_MOTION, at(11, 0), null);
        event(porch, StoredEvent.RING, at(0, 0).minusSeconds(1), null); // the evening before: another day

        EventReview review = app.events();
        List<EventReview.Event> all = review.day(day, ZoneOffset.UTC, EventReview.Filter.everything());
        assertThat(all).extracting(EventReview.Event::id).containsExactly(cameraMotion.id(), ring.id(), motion.id());
        assertThat(all).extracting(EventReview.Event::camera).containsExactly("Yard", "Porch", "Porch");
        assertThat(all).extracting(EventReview.Event::kind).containsExactly(Kind.CAMERA_MOTION, Kind.RING, Kind.MOTION);
        assertThat(all.get(1).isRing()).isTrue();
        assertThat(all.get(1).playFrom()).as("five seconds of pre-roll").isEqualTo(at(10, 0).minusSeconds(5));
        assertThat(all.get(1).playTo()).isEqualTo(at(10, 0).plusSeconds(20 + 5));

        assertThat(review.day(day, ZoneOffset.UTC, new EventReview.Filter(EnumSet.of(Kind.RING), null)))
                .extracting(EventReview.Event::id).containsExactly(ring.id());
        assertThat(review.day(day, ZoneOffset.UTC, new EventReview.Filter(EnumSet.allOf(Kind.class), "Yard")))
                .extracting(EventReview.Event::id).containsExactly(cameraMotion.id());
        assertThat(review.day(day, ZoneOffset.UTC, new EventReview.Filter(EnumSet.noneOf(Kind.class), null))).isEmpty();
        assertThat(review.day(day.plusDays(1), ZoneOffset.UTC, EventReview.Filter.everything())).isEmpty();
        assertThatThrownBy(() -> review.day(day, ZoneOffset.UTC, new EventReview.Filter(EnumSet.allOf(Kind.class),
                "Garage"))).isInstanceOf(UserException.class).hasMessageContaining("Garage");
        assertThat(review.cameraNames()).containsExactly("Porch", "Yard");
    }

    @Test
    void thumbnailIsTheDecryptedJpegAndNothingWhenThereIsNone() throws Exception {
        byte[] jpeg = jpeg(Color.ORANGE);
        StoredEvent withPicture = event(porch, StoredEvent.RING, at(8, 0), thumbnails.store(porch, at(8, 0), jpeg));
        StoredEvent without = event(porch, StoredEvent.MOTION, at(8, 5), null);
        byte[] onDisk = Files.readAllBytes(app.dataDir().root().resolve(withPicture.thumbnail()));
        assertThat(onDisk).as("encrypted at rest").isNotEqualTo(jpeg);

        EventReview review = app.events();
        assertThat(review.thumbnail(withPicture.id())).hasValueSatisfying(bytes -> {
            assertThat(bytes).isEqualTo(jpeg);
        });
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(review.thumbnail(withPicture.id()).orElseThrow()));
        assertThat(back.getWidth()).isEqualTo(160);
        assertThat(review.thumbnail(without.id())).isEmpty();
        assertThat(review.thumbnail(999_999)).isEmpty();
        assertThat(review.day(day, ZoneOffset.UTC, EventReview.Filter.everything()))
                .extracting(EventReview.Event::hasThumbnail).containsExactly(false, true);

        Files.delete(app.dataDir().root().resolve(withPicture.thumbnail()));
        assertThat(review.thumbnail(withPicture.id())).as("removed file: no picture, no failure").isEmpty();
    }

    @Test
    void countsMarksAndReviewsNewEvents() throws Exception {
        StoredEvent first = event(porch, StoredEvent.MOTION, at(9, 0), null);
        StoredEvent ring = event(porch, StoredEvent.RING, at(9, 30), null);
        StoredEvent last = event(yard, StoredEvent.RING, at(10, 0), null);
        EventReview review = app.events();
        assertThat(review.unreviewed()).isEqualTo(new EventReview.Unreviewed(3, 2));
        assertThat(review.unreviewedOldestFirst()).extracting(EventReview.Event::id)
                .containsExactly(first.id(), ring.id(), last.id());

        assertThat(review.markReviewed(ring.id())).isTrue();
        assertThat(review.markReviewed(ring.id())).as("already seen").isFalse();
        assertThat(review.unreviewed()).isEqualTo(new EventReview.Unreviewed(2, 1));
        assertThat(review.unreviewedOldestFirst()).extracting(EventReview.Event::id)
                .containsExactly(first.id(), last.id());
        assertThat(review.day(day, ZoneOffset.UTC, EventReview.Filter.everything()))
                .extracting(EventReview.Event::reviewed).containsExactly(false, true, false);

        assertThat(review.markAllReviewed()).isEqualTo(2);
        assertThat(review.unreviewed()).isEqualTo(new EventReview.Unreviewed(0, 0));
        assertThat(review.unreviewedOldestFirst()).isEmpty();
        event(porch, StoredEvent.RING, Instant.now().plusSeconds(5), null);
        assertThat(review.unreviewed()).as("a later event is new again").isEqualTo(new EventReview.Unreviewed(1, 1));
    }

    @Test
    void calendarMarksDaysWithFootageAndDaysWithRings() throws Exception {
        // footage over midnight: both days have some
        segment(porch, at(0, 0).minusSeconds(30), at(0, 0).plusSeconds(30));
        segment(yard, at(0, 0).plusSeconds(86_400 + 3600), at(0, 0).plusSeconds(86_400 + 3660)); // the next day
        event(porch, StoredEvent.RING, at(12, 0), null);
        event(porch, StoredEvent.MOTION, at(0, 0).minusSeconds(3600), null);

        EventReview.Calendar month = app.events().calendar(day.minusDays(10), day.plusDays(10), ZoneOffset.UTC);
        assertThat(month.footage()).containsExactly(day.minusDays(1), day, day.plusDays(1));
        assertThat(month.rings()).containsExactly(day);
        assertThat(app.events().calendar(day.plusDays(2), day.plusDays(5), ZoneOffset.UTC).footage()).isEmpty();
    }

    @Test
    void saysWhetherThereIsFootageAtATimeAndWhyNot() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        segment(porch, start, start.plusSeconds(60));
        EventReview review = app.events();

        EventReview.FootageAt recorded = review.footageAt(start.plusSeconds(30), null, Locale.ENGLISH);
        assertThat(recorded.recorded()).isTrue();
        assertThat(recorded.cameras()).containsExactly("Porch");
        assertThat(review.footageAt(start.plusSeconds(30), "Yard", Locale.ENGLISH).recorded()).isFalse();

        EventReview.FootageAt gap = review.footageAt(start.plusSeconds(600), null, Locale.ENGLISH);
        assertThat(gap.recorded()).isFalse();
        assertThat(gap.sentence()).isEqualTo("No footage at that time: nothing was recorded then.");

        EventReview.FootageAt old = review.footageAt(Instant.now().minus(Duration.ofDays(3)), null, Locale.ENGLISH);
        assertThat(old.sentence()).isEqualTo("No footage at that time — recordings are kept for 48 hours.");
        assertThat(review.footageAt(Instant.now().minus(Duration.ofDays(3)), null, Locale.GERMAN).sentence())
                .isEqualTo("Keine Aufnahmen zu dieser Zeit — Aufnahmen werden 48 Stunden lang aufbewahrt.");
        assertThat(review.footageAt(Instant.now().plusSeconds(3600), null, Locale.ENGLISH).sentence())
                .isEqualTo("That time has not come yet.");
    }

    @Test
    void retentionIsSaidInHoursOrWholeDays() {
        org.doorstep.common.Messages en = org.doorstep.common.Messages.of("events", Locale.ENGLISH);
        assertThat(EventReview.keptFor(Duration.ofHours(48), en)).isEqualTo("48 hours");
        assertThat(EventReview.keptFor(Duration.ofDays(7), en)).isEqualTo("7 days");
        assertThat(EventReview.keptFor(Duration.ofHours(1), en)).isEqualTo("one hour");
        assertThat(EventReview.keptFor(Duration.ofHours(80), en)).isEqualTo("80 hours");
    }

    private Instant at(int hour, int minute) {
        return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    private StoredEvent event(long camera, String type, Instant start, ThumbnailSink.Stored picture) throws Exception {
        return events.insert(new StoredEvent(0, camera, type, start, start.plusSeconds(20), 50, null,
                picture == null ? null : picture.file(), picture == null ? null : picture.keyId()));
    }

    private void segment(long camera, Instant from, Instant to) throws Exception {
        segments.insert(new SegmentRow(0, camera, "main", from, to, from, 0L, 1000, "h264", null, 1280, 720, null,
                "k", "segments/" + camera + "-" + from.toEpochMilli() + ".dseg"));
    }

    private static byte[] jpeg(Color colour) throws Exception {
        BufferedImage img = new BufferedImage(160, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 160, 90);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
