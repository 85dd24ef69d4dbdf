package org.doorstep.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.doorstep.store.SegmentRow;
import org.doorstep.store.GapRow;
/** Cameras that go away or refuse us: gaps with reasons, backoff, and quick resumption. */
class OutageTest {
    @TempDir
    Path dir;

    @Test
    void recordingResumesWithinFiveSecondsAfterATwentySecondDropAndTheGapIsIndexed() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim());
             RecordTestSupport t = new RecordTestSupport(dir, 10, 0)) {
            bell.start();
            Camera cam = t.addCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            t.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> recordingSince(t, Instant.EPOCH));
            Thread.sleep(5000);

            Instant dropped = Instant.now();
            bell.rtspServer().drop(Duration.ofSeconds(20));
            Instant back = dropped.plusSeconds(20);
            await().atMost(Duration.ofSeconds(40)).until(() -> recordingSince(t, back.minusSeconds(1)));
            Instant resumed = t.statuses.stream()
                    .filter(s -> s.state() == CameraStatus.State.RECORDING && s.since().isAfter(dropped))
                    .findFirst().orElseThrow().since();
            assertThat(Duration.between(back, resumed)).isLessThan(Duration.ofSeconds(5));
            Thread.sleep(2000);
            t.service.close();

            List<GapRow> gaps = t.index.gaps(cam.id(), null, null);
            assertThat(gaps).hasSize(1);
            GapRow gap = gaps.get(0);
            assertThat(gap.reason()).isIn("stream-ended", "unreachable");
            assertThat(gap.start()).isBetween(dropped.minusSeconds(2), dropped.plusSeconds(6));
            assertThat(gap.end()).isBetween(back, back.plusSeconds(5));
            // footage before and after the gap is indexed; none inside it
            List<SegmentRow> rows = t.index.find(cam.id(), null, null);
            assertThat(rows).anyMatch(r -> r.end().isBefore(gap.start().plusSeconds(1)));
            assertThat(rows).anyMatch(r -> !r.start().isBefore(gap.end().minusSeconds(1)));
            assertThat(rows).noneMatch(r -> r.start().isAfter(dropped.plusSeconds(1)) && r.start().isBefore(back));
            assertThat(t.statuses).anyMatch(s -> s.state() == CameraStatus.State.RECONNECTING);
        }
    }

    private static boolean recordingSince(RecordTestSupport t, Instant after) {
        return t.statuses.stream().anyMatch(s -> s.state() == CameraStatus.State.RECORDING && s.since().isAfter(after));
    }

    @Test
    void wrongPasswordGivesAClearMessageRetriesWithBackoffAndIndexesAnAuthGap() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim().withCredentials("admin", "right-one", false));
             RecordTestSupport t = new RecordTestSupport(dir, 10, 0)) {
            bell.start();
            Camera cam = t.addCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), "admin", "wrong-one");
            t.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> t.statuses.stream()
                    .filter(s -> s.state() == CameraStatus.State.CONNECTING).count() >= 4);
            t.service.close();

            List<CameraStatus> failures = t.statuses.stream()
                    .filter(s -> s.state() == CameraStatus.State.RECONNECTING).toList();
            assertThat(failures).hasSizeGreaterThanOrEqualTo(3);
            assertThat(failures).allMatch(s -> "auth-failed".equals(s.reason()));
            assertThat(failures.get(0).message()).contains("wrong user name or password").contains("porch")
                    .doesNotContain("wrong-one");
            // backoff: the waits grow (1 s, 2 s, 4 s, each ±20 %)
            List<Instant> attempts = t.statuses.stream().filter(s -> s.state() == CameraStatus.State.CONNECTING)
                    .map(CameraStatus::since).toList();
            Duration first = Duration.between(attempts.get(1), attempts.get(2));
            Duration second = Duration.between(attempts.get(2), attempts.get(3));
            assertThat(second).isGreaterThan(first);
            assertThat(first).isGreaterThan(Duration.ofMillis(1500));
            assertThat(t.index.gaps(cam.id(), null, null)).singleElement()
                    .satisfies(g -> assertThat(g.reason()).isEqualTo("auth-failed"));
            assertThat(t.index.find(cam.id(), null, null)).isEmpty();
        }
    }
}
