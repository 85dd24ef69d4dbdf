package org.doorstep.usecase.erase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.doorstep.media.SegmentDemuxer;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.privacy.EncryptedThumbnails;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.store.EventRepository;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erase while the same process records the virtual doorbell (real H.264 in encrypted fragmented MP4): a range whose
 * both ends fall inside segments (the straddling segments are cut at keyframes and their kept parts re-encrypted under
 * fresh keys), one event, and a range reaching "now". Recording never stops, and what it records afterwards reads.
 */
class EraseWhileRecordingTest {
    @TempDir
    Path dir;

    @Test
    void rangeEventAndUpToNowWhileRecording() throws Exception {
        DoorbellConfig sim = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath()).withVisitEvery(null);
        try (VirtualDoorbell bell = new VirtualDoorbell(sim); EraseFixture f = new EraseFixture(dir, false)) {
            bell.start();
            Camera cam = f.app.cameras().insert(Camera.newCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN),
                    null, null, null).withSettings(Camera.DEFAULT_RETENTION, "tcp", false, 5, null));
            f.app.watch().start(List.of());
            List<SegmentRow> segs = awaitSegments(f, 5, Instant.MIN);
            SegmentRow s1 = segs.get(1);
            SegmentRow s2 = segs.get(2);
            Instant from = s1.start().plusMillis(1500);
            Instant to = s2.start().plusMillis(1500);
            // an event with a thumbnail inside the range, one outside (same day key: it must survive, re-keyed)
            EncryptedThumbnails thumbs = new EncryptedThumbnails(f.app.dataDir(), new SegmentKeyStore(f.app.dataDir().keys()));
            EventRepository events = new EventRepository(f.app.database());
            StoredEvent inside = event(events, thumbs, cam, s1.start().plusMillis(2500));
            StoredEvent outside = event(events, thumbs, cam, segs.get(4).start().plusMillis(500));
            f.snapshot();

            EraseResult r = f.app.erase().run(EraseScope.cameraRange("porch", from, to), Set.of(), EraseProgress.NONE, () -> false);

            assertThat(r.segments()).isEqualTo(2);
            List<SegmentRow> after = f.segments();
            assertThat(after).noneMatch(s -> s.end().isAfter(from) && s.start().isBefore(to));
            SegmentRow head = after.stream().filter(s -> s.start().equals(s1.start())).findFirst().orElseThrow();
            SegmentRow tail = after.stream().filter(s -> !s.start().isBefore(to) && s.start().isBefore(s2.end())).findFirst().orElseThrow();
            assertThat(head.end()).isBeforeOrEqualTo(from).isAfter(s1.start());
            assertThat(Duration.between(to, tail.start())).isLessThan(Duration.ofSeconds(3)); // next keyframe
            assertThat(videoPackets(f, head)).isPositive();
            assertThat(videoPackets(f, tail)).isPositive();
            assertThat(head.keyId()).isNotEqualTo(s1.keyId());
            f.assertUndecryptable(f.stale.get(s1.file()));
            f.assertUndecryptable(f.stale.get(s2.file()));
            f.assertUndecryptable(f.stale.get(inside.thumbnail()));
            assertThat(events.byId(inside.id())).isEmpty();
            assertThat(new String(f.decrypt(events.byId(outside.id()).orElseThrow().thumbnail()), StandardCharsets.US_ASCII))
                    .isEqualTo("THUMB");
            for (SegmentRow s : after) {
                assertThat(videoPackets(f, s)).isPositive(); // everything outside the range still plays
            }

            // recording went on: a segment that starts after the erase is written and readable
            Instant erased = Instant.now();
            SegmentRow later = awaitSegments(f, 1, erased).get(0);
            assertThat(videoPackets(f, later)).isPositive();

            // one event: its clip range goes, the footage around it stays
            StoredEvent ring = events.insert(new StoredEvent(0, cam.id(), StoredEvent.RING, later.start().plusMillis(1000),
                    later.start().plusMillis(1200), 100, null, null, null));
            f.app.erase().run(EraseScope.event(ring.id()), Set.of(), EraseProgress.NONE, () -> false);
            assertThat(events.byId(ring.id())).isEmpty();
            Instant clipFrom = ring.start().minusSeconds(5);
            Instant clipTo = ring.end().plusSeconds(5);
            assertThat(f.segments()).noneMatch(s -> s.end().isAfter(clipFrom) && s.start().isBefore(clipTo));

            // a range up to "now": ends at the moment of the erase, recording goes on after it
            Instant upFrom = head.start();
            Instant before = Instant.now();
            f.app.erase().run(EraseScope.cameraRange("porch", upFrom, null), Set.of(), EraseProgress.NONE, () -> false);
            Instant afterErase = Instant.now();
            assertThat(f.segments()).noneMatch(s -> s.start().isBefore(before) && s.end().isAfter(upFrom));
            SegmentRow next = awaitSegments(f, 1, afterErase.minusSeconds(3)).get(0);
            assertThat(videoPackets(f, next)).isPositive();
            assertThat(f.app.erase().receipts()).hasSize(3);
        }
    }

    private static StoredEvent event(EventRepository events, EncryptedThumbnails thumbs, Camera cam, Instant at) throws Exception {
        var stored = thumbs.store(cam.id(), at, "THUMB".getBytes(StandardCharsets.US_ASCII));
        return events.insert(new StoredEvent(0, cam.id(), StoredEvent.MOTION, at, at.plusMillis(500), 50,
                new StoredEvent.Box(0.1, 0.1, 0.2, 0.2), stored.file(), stored.keyId()));
    }

    /** Waits (up to 60 s) until at least {@code n} segments starting at or after {@code since} are indexed. */
    private static List<SegmentRow> awaitSegments(EraseFixture f, int n, Instant since) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            List<SegmentRow> s = f.segments().stream().filter(x -> !x.start().isBefore(since)).toList();
            if (s.size() >= n) {
                return s;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("fewer than " + n + " segments recorded");
    }

    /** Demuxes a segment (strict decryption) and counts its video packets; the first must be a keyframe. */
    private static int videoPackets(EraseFixture f, SegmentRow s) throws Exception {
        AVPacket pkt = av_packet_alloc();
        try (DecryptingSegmentReader r = DecryptingSegmentReader.open(f.dir.resolve(s.file()), new SegmentKeyStore(f.app.dataDir().keys()));
             SegmentDemuxer d = new SegmentDemuxer(r)) {
            int n = 0;
            while (d.read(pkt)) {
                if (pkt.stream_index() == d.videoIndex()) {
                    if (n == 0) {
                        assertThat(pkt.flags() & AV_PKT_FLAG_KEY).as("first packet is a keyframe").isNotZero();
                    }
                    n++;
                }
                av_packet_unref(pkt);
            }
            return n;
        } finally {
            av_packet_free(pkt);
        }
    }
}
