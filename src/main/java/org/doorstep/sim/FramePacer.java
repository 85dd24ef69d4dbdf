package org.doorstep.sim;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that drives all streams: at each picture time it asks the director which clip frame is
 * due and publishes that (pre-packetised, shared) frame of the main and the sub clip to every client, plus
 * the audio payloads that fall into this picture interval. Deadlines are absolute, so there is no drift.
 */
final class FramePacer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FramePacer.class);

    /** A stream and the clips it shows. */
    record Output(LiveStream stream, SceneClips clips) { }

    private final int fps;
    private final List<Output> outputs;
    private final AudioClip audio;
    private final long startNanos;
    private final Instant startInstant;
    private SceneDirector director;
    private volatile long tick;
    private volatile SceneDirector.Position shown;
    private volatile boolean running = true;
    private Thread thread;

    FramePacer(int fps, List<Output> outputs, AudioClip audio) {
        this.fps = fps;
        this.outputs = outputs;
        this.audio = audio;
        this.startInstant = Instant.now();
        this.startNanos = System.nanoTime();
    }

    /** Wall-clock time at which picture {@code n} is sent. */
    Instant instantOf(long n) {
        return startInstant.plusNanos(n * 1_000_000_000L / fps);
    }

    long currentTick() {
        return tick;
    }

    /** The clip and frame sent last, or null before the first. */
    SceneDirector.Position shown() {
        return shown;
    }

    void start(SceneDirector d) {
        this.director = d;
        thread = new Thread(this::run, "doorbell-pacer");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY + 1);
        thread.start();
    }

    private void run() {
        long audioUnit = 0;
        for (long n = 0; running; n++) {
            long deadline = startNanos + n * 1_000_000_000L / fps;
            long late = System.nanoTime() - deadline;
            if (late > 2_000_000_000L) {
                // the machine was suspended or starved: skip ahead instead of bursting seconds of pictures;
                // clients see a gap in timestamps, as with a real camera after a hiccup
                long skipTo = (System.nanoTime() - startNanos) * fps / 1_000_000_000L;
                LOG.warn("Pacer {} ms late; skipping {} pictures", late / 1_000_000, skipTo - n);
                n = skipTo;
                deadline = startNanos + n * 1_000_000_000L / fps;
            }
            long wait;
            while (running && (wait = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!running) {
                break;
            }
            tick = n;
            try {
                SceneDirector.Position p = director.step(n);
                shown = p;
                for (Output o : outputs) {
                    o.stream().publishVideo(o.clips().clip(p.kind()).frame(p.frame()), n);
                }
                if (audio != null) {
                    long endSample = (n + 1) * audio.sampleRate() / fps;
                    while (audioUnit * audio.unitSamples() < endSample) {
                        byte[] payload = audio.payload((int) (audioUnit % audio.units()));
                        for (Output o : outputs) {
                            o.stream().publishAudio(payload, audioUnit * audio.unitSamples());
                        }
                        audioUnit++;
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("Pacer failed at picture {}", n, e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
