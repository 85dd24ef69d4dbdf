package org.doorstep.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.doorstep.privacy.SegmentCrypto;
import org.doorstep.store.KeyframeIndex;
import org.doorstep.store.SegmentRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Playback of real encrypted segments (10 fps, a keyframe a second, each frame numbered in its picture):
 * "Front door" has frames 0–99 in two contiguous 5 s segments from T0, a 20 s gap, then frames 300–349 from T0+30 s;
 * "Garden" has frames 1000–1099 from T0 (10 s); "Shed" has frames 2000–2049 with its third second damaged.
 */
class PlaybackSessionTest {
    static final Instant T0 = Instant.parse("2026-11-30T14:03:00Z");
    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    static RecordedFootage footage;
    static long front;
    static long garden;
    static long shed;
    static SegmentRow damaged;

    final List<Notice> notices = new CopyOnWriteArrayList<>();
    PlaybackSession session;

    @BeforeAll
    static void record() throws Exception {
        footage = new RecordedFootage(dir);
        front = footage.camera("Front door");
        garden = footage.camera("Garden");
        shed = footage.camera("Shed");
        footage.store(front, T0, footage.encode(0, 50, 10, 1.0));
        footage.store(front, T0.plusSeconds(5), footage.encode(50, 50, 10, 1.0));
        footage.store(front, T0.plusSeconds(30), footage.encode(300, 50, 10, 1.0));
        footage.store(garden, T0, footage.encode(1000, 100, 10, 1.0));
        RecordedFootage.Clip shedClip = footage.encode(2000, 50, 10, 1.0);
        damaged = footage.store(shed, T0, shedClip);
        footage.damage(damaged, fileOffsetOfChunkHolding(damaged, shedClip, 2) + 40);
    }

    /** Where in the encrypted file the chunk with fragment {@code k} sits (one chunk per fragment, as written). */
    static long fileOffsetOfChunkHolding(SegmentRow seg, RecordedFootage.Clip clip, int k) throws Exception {
        List<KeyframeIndex.Keyframe> kf = clip.list();
        List<Long> cuts = new ArrayList<>();
        cuts.add(0L);
        kf.forEach(x -> cuts.add(x.offset()));
        cuts.add((long) clip.mp4().length);
        long chunksBytes = 0;
        for (int i = 1; i < cuts.size(); i++) {
            chunksBytes += 4 + (cuts.get(i) - cuts.get(i - 1)) + SegmentCrypto.TAG_BYTES;
        }
        long header = Files.size(footage.files.resolve(seg.file())) - chunksBytes;
        long pos = header;
        for (int i = 1; i <= k + 1; i++) { // chunk 0 is the MP4 header, chunk i+1 holds fragment i
            pos += 4 + (cuts.get(i) - cuts.get(i - 1)) + SegmentCrypto.TAG_BYTES;
        }
        return pos;
    }

    @AfterAll
    static void closeFootage() {
        footage.close();
    }

    @AfterEach
    void closeSession() {
        if (session != null) {
            session.close();
        }
    }

    private CapturedFrames open(long cameraId, String name, Instant at) {
        CapturedFrames out = new CapturedFrames();
        session = footage.service().open(List.of(new PlaybackSession.Source(cameraId, name, out)), at, notices::add,
                false, ZoneOffset.UTC);
        return out;
    }

    @Test
    void seekShowsTheFrameRecordedAtThatInstant() throws Exception {
        CapturedFrames out = open(front, "Front door", T0);
        out.await(s -> s.number() == 0, WAIT);
        int[][] cases = {{2340, 23}, {3950, 39}, {7100, 71}, {500, 5}, {9990, 99}, {1000, 10}};
        for (int[] c : cases) {
            session.seek(T0.plusMillis(c[0]));
            CapturedFrames.Shown s = out.await(x -> Math.abs(x.number() - c[1]) <= 1
                    && x.at().equals(T0.plusMillis(x.number() * 100L)), WAIT);
            assertThat(s.number()).as("frame at +%d ms", c[0]).isBetween(c[1] - 1, c[1] + 1);
            assertThat(Duration.between(s.at(), T0.plusMillis(c[0])).abs()).isLessThanOrEqualTo(Duration.ofMillis(100));
        }
    }

    @Test
    void stepsFrameByFrameForwardAndBackOverAKeyframe() throws Exception {
        CapturedFrames out = open(front, "Front door", T0.plusMillis(1000));
        out.await(s -> s.number() == 10, WAIT);
        session.stepForward();
        out.await(s -> s.number() == 11, WAIT);
        session.stepForward();
        out.await(s -> s.number() == 12, WAIT);
        session.stepBack();
        out.await(s -> s.number() == 11, WAIT);
        session.stepBack();
        out.await(s -> s.number() == 10, WAIT);
        session.stepBack();
        out.await(s -> s.number() == 9, WAIT); // before the keyframe: decoded again from the previous one
        assertThat(session.playing()).isFalse();
    }

    @Test
    void playsOnAcrossASegmentBoundary() throws Exception {
        CapturedFrames out = open(front, "Front door", T0.plusMillis(4500));
        out.await(s -> s.number() == 45, WAIT);
        session.play();
        out.await(s -> s.number() >= 56, WAIT);
        session.pause();
        List<Integer> numbers = out.shown.stream().map(CapturedFrames.Shown::number).toList();
        assertThat(numbers).contains(49, 50, 51);
        for (int i = 1; i < numbers.size(); i++) {
            assertThat(numbers.get(i) - numbers.get(i - 1)).as("%s", numbers).isBetween(0, 3);
        }
    }

    @Test
    void skipsAGapWithANotice() throws Exception {
        CapturedFrames out = open(front, "Front door", T0.plusMillis(9500));
        out.await(s -> s.number() == 95, WAIT);
        session.play();
        out.await(s -> s.number() >= 302, WAIT);
        Notice gap = notices.stream().filter(n -> n.kind() == Notice.Kind.GAP_SKIPPED).findFirst().orElseThrow();
        assertThat(gap.length()).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(21));
        assertThat(out.shown.stream().map(CapturedFrames.Shown::number)).noneMatch(n -> n > 99 && n < 300);
    }

    @Test
    void skipsADamagedChunkAndPlaysOn() throws Exception {
        CapturedFrames out = open(shed, "Shed", T0);
        out.await(s -> s.number() == 2000, WAIT);
        session.speed(2.0);
        session.play();
        try {
            out.await(s -> s.number() >= 2035, WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " " + out.shown.stream().map(CapturedFrames.Shown::number).toList()
                    + " " + notices);
        }
        assertThat(notices).anyMatch(n -> n.kind() == Notice.Kind.DAMAGED_SKIPPED && n.camera().equals("Shed"));
        List<Integer> numbers = out.shown.stream().map(CapturedFrames.Shown::number).toList();
        assertThat(numbers).contains(2015).doesNotContain(2025).contains(2031);
    }

    @Test
    void aboveFourTimesOnlyKeyframesAreShown() throws Exception {
        CapturedFrames out = open(garden, "Garden", T0);
        out.await(s -> s.number() == 1000, WAIT);
        session.speed(16);
        session.play();
        out.await(s -> s.number() >= 1060, WAIT);
        session.pause();
        assertThat(out.shown.stream().skip(1).map(CapturedFrames.Shown::number).filter(n -> n < 1090))
                .allMatch(n -> n % 10 == 0);
    }

    @Test
    void speedsStayWithinAQuarterAndSixteen() {
        open(garden, "Garden", T0);
        session.speed(100);
        assertThat(session.speed()).isEqualTo(16.0);
        session.speed(0.01);
        assertThat(session.speed()).isEqualTo(0.25);
        session.faster();
        assertThat(session.speed()).isEqualTo(0.5);
        session.faster();
        session.faster();
        assertThat(session.speed()).isEqualTo(2.0);
        session.slower();
        assertThat(session.speed()).isEqualTo(1.0);
    }

    @Test
    void halfSpeedTakesTwiceAsLong() throws Exception {
        CapturedFrames out = open(garden, "Garden", T0);
        out.await(s -> s.number() == 1000, WAIT);
        session.speed(0.5);
        long start = System.nanoTime();
        session.play();
        out.await(s -> s.number() >= 1010, WAIT);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).isGreaterThanOrEqualTo(1800);
    }

    @Test
    void twoCamerasStayWithinAFrameOfEachOther() throws Exception {
        CapturedFrames a = new CapturedFrames();
        CapturedFrames b = new CapturedFrames();
        session = footage.service().open(List.of(new PlaybackSession.Source(front, "Front door", a),
                new PlaybackSession.Source(garden, "Garden", b)), T0.plusMillis(3330), notices::add, false,
                ZoneOffset.UTC);
        a.await(s -> s.number() == 33, WAIT);
        b.await(s -> s.number() == 1033, WAIT);
        session.seek(T0.plusMillis(6660));
        a.await(s -> s.number() == 66, WAIT);
        b.await(s -> s.number() == 1066, WAIT);
        session.play();
        Thread.sleep(300);
        List<Long> diffs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Instant x = session.shownAt("Front door").orElseThrow();
            Instant y = session.shownAt("Garden").orElseThrow();
            diffs.add(Duration.between(x, y).abs().toMillis());
            Thread.sleep(50);
        }
        session.pause();
        diffs.sort(Long::compare);
        assertThat(diffs.get(diffs.size() * 9 / 10 - 1)).as("%s", diffs).isLessThanOrEqualTo(100);
        Thread.sleep(200);
        assertThat(Duration.between(session.shownAt("Front door").orElseThrow(),
                session.shownAt("Garden").orElseThrow()).abs()).isLessThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aCameraWithAGapShowsNoRecordingWhileTheOtherPlays() throws Exception {
        CapturedFrames a = new CapturedFrames();
        CapturedFrames b = new CapturedFrames();
        session = footage.service().open(List.of(new PlaybackSession.Source(front, "Front door", a),
                new PlaybackSession.Source(garden, "Garden", b)), T0.plusMillis(32_000), notices::add, false,
                ZoneOffset.UTC);
        a.await(s -> s.number() == 320, WAIT);
        assertThat(b.noRecording).isNotEmpty();
        assertThat(session.inGap("Garden")).isTrue();
        session.play();
        a.await(s -> s.number() >= 325, WAIT);
        assertThat(b.shown).isEmpty();
        assertThat(session.inGap("Front door")).isFalse();
    }

    @Test
    void savesAFullResolutionStillNamedWithCameraAndTime() throws Exception {
        CapturedFrames out = open(front, "Front door", T0.plusMillis(2200));
        out.await(s -> s.number() == 22, WAIT);
        Path file = session.saveStill("Front door", dir.resolve("stills")).orElseThrow();
        assertThat(file.getFileName().toString()).isEqualTo("Front door 2026-11-30 14.03.02.png");
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getWidth()).isEqualTo(RecordedFootage.WIDTH);
        assertThat(img.getHeight()).isEqualTo(RecordedFootage.HEIGHT);
        assertThat(img.getRGB(2 + 8, 12) & 0xff).isLessThan(64); // bit 0 of 22 is 0: a dark block
        assertThat(img.getRGB(22 + 8, 12) & 0xff).isGreaterThan(192); // bit 1 is 1: a light block
        Path second = session.saveStill("Front door", dir.resolve("stills")).orElseThrow();
        assertThat(second.getFileName().toString()).isEqualTo("Front door 2026-11-30 14.03.02 (2).png");
    }

    @Test
    void previewDecodesTheKeyframeBeforeTheInstant() throws Exception {
        PreviewFrame p = footage.service().preview(front, T0.plusMillis(2500), 160).orElseThrow();
        assertThat(p.width()).isEqualTo(160);
        assertThat(p.at()).isEqualTo(T0.plusMillis(2000));
        assertThat(footage.service().preview(front, T0.plusSeconds(20), 160)).isEmpty();
    }
}
