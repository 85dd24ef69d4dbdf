package org.doorstep.playback;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.doorstep.common.Threads;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;

/**
 * Playback of 1–16 cameras under one playhead: play, pause, speed, seek and frame steps act on all of them; each
 * camera shows the frame that covers the playhead (so they stay within a frame of each other), a camera with a gap
 * shows "no recording" while the others play, and a gap that all cameras share is skipped with a notice. Sound
 * comes from the first camera whose recording has it. Thread-safe; each camera decodes on its own thread.
 */
public final class PlaybackSession implements AutoCloseable {
    public static final double SLOWEST = 0.25;
    public static final double FASTEST = 16.0;
    /** The speeds offered, slowest first; above 4× only keyframes are decoded. */
    public static final List<Double> SPEEDS = List.of(0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0);

    /** A camera to play and where its pictures go. */
    public record Source(long cameraId, String name, VideoOut out) {}

    private final Playhead playhead;
    private final List<CameraPlayer> cameras = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Consumer<Notice> notices;
    private final SoundPlayback sound;
    private final StillWriter stills;
    private volatile boolean endNoticeGiven;

    PlaybackSession(List<Source> sources, Instant at, SegmentIndex index, SegmentFiles files, SegmentKeyStore keys,
                    Consumer<Notice> notices, SoundPlayback.LineOpener sound, ZoneId zone) {
        if (sources.isEmpty() || sources.size() > 16) {
            throw new IllegalArgumentException("1 to 16 cameras play together");
        }
        this.notices = notices;
        this.playhead = new Playhead(at, System::nanoTime);
        this.stills = new StillWriter(zone);
        for (Source s : sources) {
            cameras.add(new CameraPlayer(s.name(), new Recordings(index, s.cameraId()), files, keys, playhead,
                    s.out(), notices, this::gapChanged));
        }
        this.sound = sound == null ? null : new SoundPlayback(sources.get(0).name(), playhead, sound, notices);
        if (this.sound != null) {
            cameras.get(0).sound(this.sound);
        }
        for (CameraPlayer c : cameras) {
            threads.add(Threads.start(c, "playback " + c.camera()));
        }
    }

    public void play() {
        endNoticeGiven = false;
        playhead.play();
        gapChanged(null); // paused in a gap that all cameras share: playing starts where recording goes on
    }

    public void pause() {
        playhead.pause();
    }

    public boolean playing() {
        return playhead.playing();
    }

    /** Sets the speed, kept within 0.25×–16×. */
    public void speed(double speed) {
        playhead.speed(Math.max(SLOWEST, Math.min(FASTEST, speed)));
    }

    public double speed() {
        return playhead.speed();
    }

    /** The next slower or faster of {@link #SPEEDS} (J and L). */
    public void slower() {
        double now = speed();
        speed(SPEEDS.stream().filter(s -> s < now).reduce((a, b) -> b).orElse(SLOWEST));
    }

    public void faster() {
        double now = speed();
        speed(SPEEDS.stream().filter(s -> s > now).findFirst().orElse(FASTEST));
    }

    /** Moves all cameras to {@code at}; each shows the frame recorded at that instant. */
    public void seek(Instant at) {
        endNoticeGiven = false;
        playhead.seek(at);
    }

    public Instant position() {
        return playhead.position();
    }

    /** Pauses and shows the next frame of the first camera (the others follow to the same instant). */
    public void stepForward() {
        playhead.pause();
        CameraPlayer lead = lead();
        Instant shown = lead.shownAt();
        Instant from = shown == null ? playhead.position() : shown;
        playhead.seek(from.plusMillis(lead.frameIntervalMs()));
    }

    /** Pauses and shows the frame before the one on show. */
    public void stepBack() {
        playhead.pause();
        CameraPlayer lead = lead();
        Instant shown = lead.shownAt();
        Instant from = shown == null ? playhead.position() : shown;
        playhead.seek(from.minusMillis(Math.max(1, lead.frameIntervalMs() / 2)));
    }

    private CameraPlayer lead() {
        for (CameraPlayer c : cameras) {
            if (c.gapUntil() == null && c.shownAt() != null) {
                return c;
            }
        }
        return cameras.get(0);
    }

    /** When the named camera last showed a frame, recorded time (null before its first or in a gap). */
    public Optional<Instant> shownAt(String camera) {
        return find(camera).map(CameraPlayer::shownAt);
    }

    /** True while the playhead is where the named camera recorded nothing. */
    public boolean inGap(String camera) {
        return find(camera).map(c -> c.gapUntil() != null).orElse(false);
    }

    public List<String> cameras() {
        return cameras.stream().map(CameraPlayer::camera).toList();
    }

    /**
     * The frame on show of {@code camera} at full resolution (the decoded picture, not what the screen shows), or
     * empty when it shows none.
     */
    public Optional<PreviewFrame> shownFrame(String camera) throws IOException {
        Optional<CameraPlayer> c = find(camera);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        PreviewFrame[] got = new PreviewFrame[1];
        c.get().withShownFrame((frame, at) -> got[0] = FramePictures.argb(frame, 0, at));
        return Optional.ofNullable(got[0]);
    }

    /** Saves the frame on show of {@code camera} as a full-resolution PNG in {@code folder}; returns the file. */
    public Optional<Path> saveStill(String camera, Path folder) throws IOException {
        Optional<PreviewFrame> frame = shownFrame(camera);
        if (frame.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(stills.write(frame.get(), camera, folder));
    }

    /** File name a still of {@code camera} at {@code at} gets. */
    public String stillName(String camera, Instant at) {
        return stills.fileName(camera, at, 1);
    }

    private Optional<CameraPlayer> find(String camera) {
        return cameras.stream().filter(c -> c.camera().equals(camera)).findFirst();
    }

    /** While playing, a gap that every camera is in is skipped to where the first of them records again. */
    private synchronized void gapChanged(CameraPlayer changed) {
        if (!playhead.playing()) {
            return;
        }
        Instant resume = Instant.MAX;
        for (CameraPlayer c : cameras) {
            Instant until = c.gapUntil();
            if (until == null) {
                return; // someone still plays
            }
            if (until.isBefore(resume)) {
                resume = until;
            }
        }
        Instant now = playhead.position();
        if (resume.equals(Instant.MAX)) {
            if (!endNoticeGiven) {
                endNoticeGiven = true;
                playhead.pause();
                notices.accept(new Notice(Notice.Kind.END_OF_RECORDINGS, null, now, Duration.ZERO));
            }
            return;
        }
        if (resume.isAfter(now)) {
            playhead.seek(resume);
            playhead.play();
            notices.accept(new Notice(Notice.Kind.GAP_SKIPPED, null, now, Duration.between(now, resume)));
        }
    }

    @Override
    public void close() {
        playhead.close();
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (sound != null) {
            sound.close();
            sound.release();
        }
    }
}
