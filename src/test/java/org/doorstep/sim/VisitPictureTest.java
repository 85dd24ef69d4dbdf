package org.doorstep.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.doorstep.sim.VirtualDoorbell.Stream;
import org.junit.jupiter.api.Test;

/** What a client decodes matches the visit schedule: the visitor shows up at the door when the schedule says. */
class VisitPictureTest {

    record Sample(Instant at, double door, double entry) { }

    @Test
    void triggeredVisitIsVisibleAtTheScheduledTimes() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (VirtualDoorbell doorbell = new VirtualDoorbell(SimTestSupport.config())) {
            doorbell.addListener(new DoorbellEventListener() {
                @Override
                public void onMotion(boolean active, Instant at) {
                    events.add((active ? "start " : "stop ") + at + " " + Instant.now());
                }

                @Override
                public void onRing(Instant at) {
                    events.add("ring " + at + " " + Instant.now());
                }
            });
            doorbell.start();
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(doorbell.rtspUri(Stream.SUB).toString())) {
                grabber.setOption("rtsp_transport", "tcp");
                grabber.setOption("timeout", "5000000");
                grabber.setPixelFormat(AV_PIX_FMT_GRAY8);
                grabber.startUnsafe();
                int w = grabber.getImageWidth();
                int h = grabber.getImageHeight();
                // the idle picture: average of a second of pictures (sensor noise varies per picture)
                double[] reference = new double[w * h];
                int n = 15;
                for (int i = 0; i < n; i++) {
                    byte[] gray = gray(grabber.grabImage(), w, h);
                    for (int p = 0; p < reference.length; p++) {
                        reference[p] += (gray[p] & 0xff) / (double) n;
                    }
                }
                Instant triggered = Instant.now();
                Visit visit = doorbell.triggerVisit().get(5, TimeUnit.SECONDS);
                assertThat(Duration.between(triggered, visit.arrive())).isBetween(Duration.ZERO, Duration.ofMillis(1500));
                assertThat(doorbell.schedule()).containsExactly(visit);

                List<Sample> samples = new ArrayList<>();
                Instant end = visit.leave().plusMillis(1500);
                while (Instant.now().isBefore(end)) {
                    byte[] gray = gray(grabber.grabImage(), w, h);
                    Instant at = Instant.now();
                    samples.add(new Sample(at, meanDiff(gray, reference, w, PorchScene.DOOR),
                            meanDiff(gray, reference, w, new double[] {0, 0.3, 0.03, 0.9})));
                }
                grabber.stop();
                System.out.printf("visit %s: max door diff %.1f, max entry diff %.1f over %d pictures%n", visit,
                        samples.stream().mapToDouble(Sample::door).max().orElse(0),
                        samples.stream().mapToDouble(Sample::entry).max().orElse(0), samples.size());

                double idleEntry = 4;
                Instant onset = samples.stream().filter(s -> s.entry() > idleEntry).map(Sample::at).findFirst().orElseThrow();
                assertThat(Duration.between(visit.arrive(), onset).toMillis()).as("visitor seen at %s", onset)
                        .isBetween(-200L, 700L);
                for (Sample s : samples) {
                    if (s.at().isBefore(visit.arrive().minusMillis(200))) {
                        assertThat(s.door()).as("door before arrival at %s", s.at()).isLessThan(3);
                        assertThat(s.entry()).as("entry before arrival at %s", s.at()).isLessThan(idleEntry);
                    }
                    if (!s.at().isBefore(visit.ring().minusMillis(300)) && s.at().isBefore(visit.ring().plusSeconds(2))) {
                        // the visitor covers about half of the door region (idle pictures stay below 3)
                        assertThat(s.door()).as("door while ringing at %s", s.at()).isGreaterThan(10);
                    }
                    if (s.at().isAfter(visit.leave().plusMillis(500))) {
                        assertThat(s.door()).as("door after leaving at %s", s.at()).isLessThan(3);
                        assertThat(s.entry()).as("entry after leaving at %s", s.at()).isLessThan(idleEntry);
                    }
                }
            }
            assertThat(events).hasSize(3);
            assertEvent(events.get(0), "start", visit(doorbell).arrive());
            assertEvent(events.get(1), "ring", visit(doorbell).ring());
            assertEvent(events.get(2), "stop", visit(doorbell).leave());
        }
    }

    private static Visit visit(VirtualDoorbell d) {
        return d.schedule().get(0);
    }

    /** Each event names its picture's time and is delivered at about that time. */
    private static void assertEvent(String event, String kind, Instant expected) {
        String[] parts = event.split(" ");
        assertThat(parts[0]).isEqualTo(kind);
        assertThat(Instant.parse(parts[1])).isEqualTo(expected);
        assertThat(Duration.between(expected, Instant.parse(parts[2])).toMillis()).isBetween(-50L, 300L);
    }

    private static byte[] gray(Frame f, int w, int h) {
        assertThat(f).isNotNull();
        ByteBuffer b = (ByteBuffer) f.image[0];
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            b.position(y * f.imageStride);
            b.get(out, y * w, w);
        }
        return out;
    }

    private static double meanDiff(byte[] gray, double[] ref, int w, double[] region) {
        int h = gray.length / w;
        int x0 = (int) (region[0] * w);
        int x1 = (int) (region[2] * w);
        int y0 = (int) (region[1] * h);
        int y1 = (int) (region[3] * h);
        double sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                sum += Math.abs((gray[y * w + x] & 0xff) - ref[y * w + x]);
            }
        }
        return sum / ((double) (x1 - x0) * (y1 - y0));
    }
}
