package org.doorstep.playback;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** A {@link VideoOut} that notes which numbered frame was shown when. */
final class CapturedFrames implements VideoOut {
    record Shown(int number, Instant at, int width, int height) {}

    final List<Shown> shown = new CopyOnWriteArrayList<>();
    final List<Instant> noRecording = new CopyOnWriteArrayList<>();

    @Override
    public void frame(AVFrame frame, Instant at) {
        shown.add(new Shown(RecordedFootage.numberOf(frame), at, frame.width(), frame.height()));
    }

    @Override
    public void noRecording(Instant at) {
        noRecording.add(at);
    }

    Shown last() {
        return shown.isEmpty() ? null : shown.get(shown.size() - 1);
    }

    /** Waits until the last shown frame passes {@code test}; returns it or fails with what was shown. */
    Shown await(Predicate<Shown> test, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Shown s = last();
            if (s != null && test.test(s)) {
                return s;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no matching frame within " + timeout + "; last shown: " + last());
    }

    void clear() {
        shown.clear();
        noRecording.clear();
    }
}
