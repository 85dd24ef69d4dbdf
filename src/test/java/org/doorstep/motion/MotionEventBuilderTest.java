package org.doorstep.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MotionEventBuilderTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    private static final Box LEFT = new Box(0.1, 0.5, 0.1, 0.4);
    private static final Box RIGHT = new Box(0.7, 0.5, 0.1, 0.4);

    private final List<MotionEvent> events = new ArrayList<>();
    private final List<Instant> starts = new ArrayList<>();
    private final List<ActivitySample> activity = new ArrayList<>();
    private final MotionListener listener = new MotionListener() {
        @Override
        public void eventStarted(Instant start) {
            starts.add(start);
        }

        @Override
        public void eventEnded(MotionEvent event) {
            events.add(event);
        }

        @Override
        public void activity(ActivitySample sample) {
            activity.add(sample);
        }
    };

    /** Feeds 5 fps frames from second {@code from} to {@code to}; scores from {@code score(i)}. */
    private void feed(MotionEventBuilder b, double from, double to, java.util.function.IntUnaryOperator score, Box box) {
        for (int i = (int) Math.round(from * 5); i < Math.round(to * 5); i++) {
            int s = score.applyAsInt(i);
            b.accept(at(i), s > 0 ? new FrameAnalysis(s, List.of(box), s / 100.0, false)
                    : new FrameAnalysis(0, List.of(), 0, false));
        }
    }

    private static Instant at(int frame) {
        return T0.plusMillis(frame * 200L);
    }

    @Test
    void shortBlipsDoNotStartAnEvent() {
        MotionEventBuilder b = new MotionEventBuilder(EventSettings.DEFAULT, listener);
        // two frames of motion every two seconds: never three in a row
        feed(b, 0, 30, i -> i % 10 < 2 ? 40 : 0, LEFT);
        b.flush();
        assertThat(events).isEmpty();
        assertThat(starts).isEmpty();
    }

    @Test
    void eventStartsAtFirstMotionFrameAndEndsAfterQuietPeriod() {
        MotionEventBuilder b = new MotionEventBuilder(EventSettings.DEFAULT, listener);
        feed(b, 0, 2, i -> 0, LEFT);
        feed(b, 2, 6, i -> i == 20 ? 90 : 30, RIGHT);  // motion 2.0 .. 5.8 s, peak at 4.0 s
        feed(b, 6, 9, i -> 0, LEFT);
        assertThat(starts).containsExactly(T0.plusSeconds(2));
        assertThat(events).as("still within the quiet period").isEmpty();
        feed(b, 9, 20, i -> 0, LEFT);
        assertThat(events).hasSize(1);
        MotionEvent e = events.get(0);
        assertThat(e.start()).isEqualTo(T0.plusSeconds(2));
        assertThat(e.end()).isEqualTo(T0.plusMillis(5800));
        assertThat(e.peakScore()).isEqualTo(90);
        assertThat(e.peakAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(e.box()).isEqualTo(RIGHT);
    }

    @Test
    void closeEventsMergeAndDistantOnesDoNot() {
        EventSettings settings = new EventSettings(3, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(5));
        MotionEventBuilder b = new MotionEventBuilder(settings, listener);
        feed(b, 0, 4, i -> 50, LEFT);     // event A 0..3.8
        feed(b, 4, 12, i -> 0, LEFT);     // 8 s quiet: A ends, held for merging
        feed(b, 12, 15, i -> 60, RIGHT);  // B starts 8.2 s after A's end -> separate (merge gap 5 s)
        feed(b, 15, 21, i -> 0, LEFT);    // quiet 6 s: B ends
        feed(b, 21, 23, i -> 70, LEFT);   // C starts 6.2 s after B: separate
        feed(b, 23, 27.6, i -> 0, LEFT);  // 4.6 s of quiet: C stays open
        feed(b, 27.6, 29, i -> 80, RIGHT); // D continues C
        b.flush();
        assertThat(events).hasSize(3);
        assertThat(events.get(0).end()).isEqualTo(T0.plusMillis(3800));
        assertThat(events.get(1).start()).isEqualTo(T0.plusSeconds(12));
        assertThat(events.get(2).start()).isEqualTo(T0.plusSeconds(21));
        assertThat(events.get(2).end()).isEqualTo(T0.plusMillis(28800));
        assertThat(events.get(2).peakScore()).isEqualTo(80);
    }

    @Test
    void eventEndedAfterQuietPeriodMergesWithinMergeGap() {
        EventSettings settings = new EventSettings(3, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(5));
        MotionEventBuilder b = new MotionEventBuilder(settings, listener);
        feed(b, 0, 2, i -> 40, LEFT);
        feed(b, 2, 6, i -> 0, LEFT);     // 4 s quiet: ended (quiet 2 s) but within merge gap
        feed(b, 6, 8, i -> 90, RIGHT);
        feed(b, 8, 20, i -> 0, LEFT);
        b.flush();
        assertThat(events).hasSize(1);
        assertThat(starts).hasSize(1);
        assertThat(events.get(0).start()).isEqualTo(T0);
        assertThat(events.get(0).end()).isEqualTo(T0.plusMillis(7800));
        assertThat(events.get(0).peakScore()).isEqualTo(90);
        assertThat(events.get(0).box()).isEqualTo(RIGHT);
    }

    @Test
    void defaultsEndAfterFiveQuietSecondsAndJoinVisitsWithinTen() {
        assertThat(EventSettings.DEFAULT.quietPeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(EventSettings.DEFAULT.joinGap()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void activityReportsStrongestFrameOfEachSecond() {
        MotionEventBuilder b = new MotionEventBuilder(EventSettings.DEFAULT, listener);
        feed(b, 0, 3, i -> i == 7 ? 55 : i < 5 ? 0 : 10, LEFT);
        b.flush();
        assertThat(activity).extracting(ActivitySample::level).containsExactly(0, 55, 10);
        assertThat(activity).extracting(ActivitySample::second)
                .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2));
    }

    @Test
    void veryLongMotionIsSplit() {
        EventSettings settings = new EventSettings(3, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30));
        MotionEventBuilder b = new MotionEventBuilder(settings, listener);
        feed(b, 0, 70, i -> 30, LEFT);
        b.flush();
        assertThat(events.size()).isBetween(2, 3);
        assertThat(events).allMatch(e -> e.duration().compareTo(Duration.ofSeconds(31)) <= 0);
    }
}
