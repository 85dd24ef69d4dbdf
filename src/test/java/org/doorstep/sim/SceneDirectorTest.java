package org.doorstep.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** The director's clip sequence over simulated picture times (no waiting for the wall clock). */
class SceneDirectorTest {
    private static final SceneTiming TIMING = SceneTiming.forFps(15);
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private final List<String> events = new ArrayList<>();
    private final DoorbellEventListener recorder = new DoorbellEventListener() {
        @Override
        public void onMotion(boolean active, Instant at) {
            events.add((active ? "motion-start " : "motion-stop ") + at);
        }

        @Override
        public void onRing(Instant at) {
            events.add("ring " + at);
        }
    };

    private static Instant at(long tick) {
        return T0.plusNanos(tick * 1_000_000_000L / TIMING.fps());
    }

    private SceneDirector director(Duration every) {
        return new SceneDirector(TIMING, SceneDirectorTest::at, every, Duration.ofSeconds(10), Runnable::run, List.of(recorder));
    }

    @Test
    void scheduledVisitsStartOnTimeAtGopBoundariesAndLightChangesAvoidThem() {
        SceneDirector d = director(Duration.ofSeconds(60));
        List<SceneDirector.Position> positions = new ArrayList<>();
        long ticks = 215L * TIMING.fps(); // the visit planned at 190 s ends at about 205 s
        for (long t = 0; t < ticks; t++) {
            positions.add(d.step(t));
        }

        List<Visit> visits = d.visits();
        assertThat(visits).hasSize(4);
        for (int i = 0; i < visits.size(); i++) {
            Instant planned = T0.plusSeconds(10 + 60L * i);
            Visit v = visits.get(i);
            // spliced at the first GOP boundary after the planned time; arrival a fraction of a second later
            assertThat(Duration.between(planned, v.arrive())).isBetween(Duration.ZERO, Duration.ofMillis(1500));
            assertThat(Duration.between(v.arrive(), v.ring()).toMillis()).isBetween(4000L, 5000L);
            assertThat(Duration.between(v.ring(), v.leave()).toMillis()).isBetween(9000L, 10_500L);
        }
        // every clip change happens at a GOP boundary and starts the new clip at an IDR picture
        for (int i = 1; i < positions.size(); i++) {
            SceneDirector.Position prev = positions.get(i - 1);
            SceneDirector.Position cur = positions.get(i);
            if (cur.frame() == 0) {
                assertThat((prev.frame() + 1) % TIMING.gop()).isZero();
            }
            if (cur.kind() != prev.kind()) {
                assertThat(cur.frame()).isZero();
            }
        }
        assertThat(d.lightChanges()).isNotEmpty();
        for (LightChange l : d.lightChanges()) {
            for (Visit v : visits) {
                boolean overlaps = l.start().isBefore(v.leave()) && v.arrive().isBefore(l.end());
                assertThat(overlaps).as("%s overlaps %s", l, v).isFalse();
            }
        }
        List<String> expected = new ArrayList<>();
        for (Visit v : visits) {
            expected.add("motion-start " + v.arrive());
            expected.add("ring " + v.ring());
            expected.add("motion-stop " + v.leave());
        }
        assertThat(events).isEqualTo(expected);
    }

    @Test
    void triggeredVisitIsSplicedWithinOneGop() {
        SceneDirector d = director(null);
        long t = 0;
        for (; t < 100; t++) {
            d.step(t);
        }
        CompletableFuture<Visit> f = d.trigger();
        long triggeredAt = t;
        SceneDirector.Position p;
        do {
            p = d.step(t++);
        } while (p.kind() != ClipKind.VISIT);
        assertThat(t - 1 - triggeredAt).isLessThan(TIMING.gop());
        assertThat(f).isCompletedWithValueMatching(v -> !v.arrive().isBefore(at(triggeredAt)));
        assertThat(d.visits()).hasSize(1);
        // a visit in progress is not cut short by another trigger; the next one follows it
        CompletableFuture<Visit> second = d.trigger();
        for (int i = 0; i < TIMING.visitFrames() - 2; i++) {
            assertThat(d.step(t++).kind()).isEqualTo(ClipKind.VISIT);
        }
        assertThat(second).isNotDone();
        while (!second.isDone()) {
            d.step(t++);
        }
        assertThat(d.visits()).hasSize(2);
    }

    @Test
    void noScheduleMeansNoVisits() {
        SceneDirector d = director(null);
        for (long t = 0; t < 120L * TIMING.fps(); t++) {
            assertThat(d.step(t).kind()).isNotEqualTo(ClipKind.VISIT);
        }
        assertThat(d.visits()).isEmpty();
        assertThat(events).isEmpty();
    }
}
