package org.doorstep.playback;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.KeyframeIndex;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one camera's recordings on its own thread, following the shared {@link Playhead}: it shows the frame that
 * covers the playhead, waits for the next one to fall due, crosses segment boundaries without a pause, reports
 * gaps, and skips damaged pieces of a file with a notice. A seek or step decodes from the nearest keyframe before
 * the instant up to the frame that covers it.
 */
final class CameraPlayer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraPlayer.class);
    /** Segments closer than this are one continuous recording (the recorder's cut, not a gap). */
    private static final Duration CONTIGUOUS = Duration.ofMillis(1500);
    /** A camera this far behind the playhead reseeks instead of decoding its way there. */
    private static final long CATCH_UP_MS = 2000;
    /** Longest sleep while waiting, so a closed session is noticed. */
    private static final long MAX_WAIT_NANOS = 250_000_000L;

    /** Told when this camera enters or leaves a gap, so the session can skip gaps that all cameras share. */
    interface GapWatcher {
        void gapChanged(CameraPlayer camera);
    }

    private final String camera;
    private final Recordings recordings;
    private final SegmentFiles files;
    private final SegmentKeyStore keys;
    private final Playhead playhead;
    private final VideoOut out;
    private final Consumer<Notice> notices;
    private final GapWatcher gaps;
    private final AVFrame still = av_frame_alloc();
    private final Object stillLock = new Object();

    private volatile SoundOut sound;
    private SegmentDecoder cursor;
    private int cursorKeyframe;
    private AVFrame pending;
    private long pendingMs;
    private long lastDecodedMs = -1;
    private Instant shownAt;
    private Instant stillAt;
    private boolean keyframesOnly;
    /** Non-null while the playhead is in a gap of this camera: when its recording goes on (MAX: never). */
    private volatile Instant gapUntil;
    private volatile long intervalMs = 40;

    CameraPlayer(String camera, Recordings recordings, SegmentFiles files, SegmentKeyStore keys, Playhead playhead,
                 VideoOut out, Consumer<Notice> notices, GapWatcher gaps) {
        this.camera = camera;
        this.recordings = recordings;
        this.files = files;
        this.keys = keys;
        this.playhead = playhead;
        this.out = out;
        this.notices = notices;
        this.gaps = gaps;
    }

    String camera() {
        return camera;
    }

    /** When the gap the playhead is in ends for this camera; null when not in a gap. */
    Instant gapUntil() {
        return gapUntil;
    }

    /** Sends this camera's sound to {@code to} (null: silent). */
    void sound(SoundOut to) {
        sound = to;
    }

    /** The recorded time of the frame on show, or null before the first. */
    synchronized Instant shownAt() {
        return shownAt;
    }

    /** How long one frame of the current recording lasts (for stepping). */
    long frameIntervalMs() {
        return intervalMs;
    }

    /** Runs {@code use} with the full-resolution frame on show (under a lock); false when none is on show. */
    boolean withShownFrame(FrameUse use) throws IOException {
        synchronized (stillLock) {
            if (stillAt == null) {
                return false;
            }
            use.use(still, stillAt);
            return true;
        }
    }

    @FunctionalInterface
    interface FrameUse {
        void use(AVFrame frame, Instant at) throws IOException;
    }

    @Override
    public void run() {
        long handled = -1;
        try {
            while (!playhead.closed()) {
                Playhead.State s = playhead.state();
                if (s.version() != handled) {
                    boolean exact = s.exactVersion() > handled || !s.playing();
                    handled = s.version();
                    keyframesOnly(s.speed() > 4.0);
                    if (exact) {
                        showExact(s.position());
                        if (sound != null) {
                            sound.reset();
                        }
                    }
                    continue;
                }
                if (!s.playing()) {
                    if (out.stale()) {
                        redraw();
                    }
                    playhead.await(handled, MAX_WAIT_NANOS / 2);
                    continue;
                }
                long waitNanos = playStep(s);
                if (waitNanos > 0) {
                    playhead.await(handled, Math.min(waitNanos, MAX_WAIT_NANOS));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.warn("{}: playback stopped, the recordings index cannot be read: {}", camera, e.getMessage());
            out.noRecording(playhead.position());
        } catch (RuntimeException e) {
            LOG.error("{}: playback stopped by an unexpected error", camera, e);
            out.noRecording(playhead.position());
        } finally {
            closeCursor();
            synchronized (stillLock) {
                av_frame_free(still);
                stillAt = null;
            }
        }
    }

    private void keyframesOnly(boolean on) {
        if (on != keyframesOnly) {
            keyframesOnly = on;
            dropPending();
            if (cursor != null) {
                cursor.keyframesOnly(on);
            }
        }
    }

    /** One step of playing: shows a frame or says how long to wait (nanoseconds of wall time) for the next. */
    private long playStep(Playhead.State s) throws SQLException {
        Instant t = s.position();
        if (cursor == null) {
            Instant until = gapUntil;
            if (until != null && t.isBefore(until)) {
                return wallNanos(Duration.between(t, until), s.speed());
            }
            showExact(t);
            return 0;
        }
        if (pending == null) {
            SegmentRow playing = cursor.segment();
            pending = nextFrame();
            if (pending == null) {
                continueAfter(playing, t);
                return 0;
            }
            pendingMs = cursor.millisOf(pending);
        }
        Instant due = cursor.segment().start().plusMillis(pendingMs);
        if (Duration.between(due, t).toMillis() > CATCH_UP_MS * Math.max(1, s.speed() / 4)) {
            showExact(t); // fell behind (a slow disk, a high speed): jump rather than decode every frame
            return 0;
        }
        if (due.isAfter(t)) {
            return wallNanos(Duration.between(t, due), s.speed());
        }
        show(pending, due);
        pending = null;
        return 0;
    }

    private static long wallNanos(Duration media, double speed) {
        if (media.compareTo(Duration.ofHours(1)) > 0) {
            return MAX_WAIT_NANOS; // a gap to the end of time: just look again later
        }
        return Math.max(1, Math.round(media.toNanos() / speed));
    }

    /** The segment ended while playing: go on in the next one, or enter the gap before it. */
    private void continueAfter(SegmentRow ended, Instant t) throws SQLException {
        closeCursor();
        Optional<SegmentRow> next = recordings.nextStartAfter(ended.start());
        if (next.isPresent() && !next.get().start().isAfter(ended.end().plus(CONTIGUOUS))) {
            open(next.get(), 0);
            return;
        }
        enterGap(t.isBefore(ended.end()) ? ended.end() : t, next.map(SegmentRow::start).orElse(Instant.MAX));
    }

    private void enterGap(Instant at, Instant until) {
        closeCursor();
        boolean changed = gapUntil == null || !gapUntil.equals(until);
        gapUntil = until;
        out.noRecording(at);
        if (changed) {
            gaps.gapChanged(this);
        }
    }

    private void leaveGap() {
        if (gapUntil != null) {
            gapUntil = null;
            gaps.gapChanged(this);
        }
    }

    /** Shows the frame that covers {@code t}: decoding on from the current frame when it is just before, else seeking. */
    private void showExact(Instant t) throws SQLException {
        Optional<SegmentRow> found = recordings.at(t);
        if (found.isEmpty()) {
            enterGap(t, recordings.nextStartAfter(t).map(SegmentRow::start).orElse(Instant.MAX));
            return;
        }
        leaveGap();
        SegmentRow seg = found.get();
        long ms = Duration.between(seg.start(), t).toMillis();
        long reached = pending != null ? pendingMs : lastDecodedMs;
        boolean decodeOn = cursor != null && cursor.segment().id() == seg.id() && reached >= 0 && reached <= ms
                && ms - reached < CATCH_UP_MS && !keyframesOnly;
        if (!decodeOn) {
            open(seg, keyframeBefore(seg, ms));
        }
        while (cursor != null && cursor.segment().id() == seg.id()) {
            AVFrame f;
            long fm;
            if (pending != null) {
                f = pending;
                fm = pendingMs;
                pending = null;
            } else {
                f = nextFrame();
                if (f == null) {
                    break;
                }
                fm = cursor.millisOf(f);
            }
            if (keyframesOnly || fm + cursor.intervalMs() > ms) {
                show(f, seg.start().plusMillis(fm));
                return;
            }
        }
        out.noRecording(t); // the index promised footage that the file does not hold (damaged to its end)
    }

    private static int keyframeBefore(SegmentRow seg, long ms) {
        List<KeyframeIndex.Keyframe> index = SegmentDecoder.keyframes(seg);
        int k = 0;
        for (int i = 0; i < index.size(); i++) {
            if (index.get(i).millis() <= ms) {
                k = i;
            }
        }
        return k;
    }

    /** Opens {@code seg} at keyframe {@code k}, going on past damaged keyframes; false when none opens. */
    private boolean open(SegmentRow seg, int k) {
        closeCursor();
        int count = Math.max(1, SegmentDecoder.keyframes(seg).size());
        for (int i = k; i < count; i++) {
            try {
                SoundOut s = sound;
                Instant segStart = seg.start();
                SegmentDecoder.AudioSink sink = s == null ? SegmentDecoder.AudioSink.NONE
                        : (stream, packet, ms) -> s.packet(stream, packet, segStart.plusMillis(ms));
                cursor = SegmentDecoder.open(seg, files, keys, i, sink);
                cursor.keyframesOnly(keyframesOnly);
                cursorKeyframe = i;
                intervalMs = cursor.intervalMs();
                lastDecodedMs = -1;
                return true;
            } catch (DecryptingSegmentReader.KeyMissingException e) {
                notices.accept(new Notice(Notice.Kind.KEY_MISSING, camera, seg.start(), seg.duration()));
                return false;
            } catch (IOException e) {
                LOG.info("{}: skipping a damaged part of a recording: {}", camera, e.getMessage());
                notices.accept(new Notice(Notice.Kind.DAMAGED_SKIPPED, camera, seg.start().plusMillis(
                        keyframeMillis(seg, i)), Duration.ZERO));
            }
        }
        return false;
    }

    private static long keyframeMillis(SegmentRow seg, int k) {
        List<KeyframeIndex.Keyframe> index = SegmentDecoder.keyframes(seg);
        return index.isEmpty() ? 0 : index.get(Math.min(k, index.size() - 1)).millis();
    }

    /** The next frame of the cursor; a damaged piece is skipped up to the next keyframe that reads. */
    private AVFrame nextFrame() {
        while (cursor != null) {
            try {
                AVFrame f = cursor.next();
                if (f != null) {
                    lastDecodedMs = cursor.millisOf(f);
                }
                return f;
            } catch (IOException e) {
                SegmentRow seg = cursor.segment();
                long reached = Math.max(lastDecodedMs, keyframeMillis(seg, cursorKeyframe));
                LOG.info("{}: skipping a damaged part of a recording: {}", camera, e.getMessage());
                notices.accept(new Notice(Notice.Kind.DAMAGED_SKIPPED, camera, seg.start().plusMillis(reached),
                        Duration.ZERO));
                List<KeyframeIndex.Keyframe> index = SegmentDecoder.keyframes(seg);
                int next = cursorKeyframe + 1;
                while (next < index.size() && index.get(next).millis() <= reached) {
                    next++;
                }
                if (next >= index.size() || !open(seg, next)) {
                    return null; // the rest of the segment is lost: the caller goes on with the next one
                }
            }
        }
        return null;
    }

    private void show(AVFrame f, Instant at) {
        synchronized (stillLock) {
            av_frame_unref(still);
            av_frame_ref(still, f);
            stillAt = at;
        }
        synchronized (this) {
            shownAt = at;
        }
        out.frame(f, at);
    }

    /** Draws the frame on show again (paused, and the output changed size). */
    private void redraw() {
        synchronized (stillLock) {
            if (stillAt != null) {
                out.frame(still, stillAt);
            }
        }
    }

    private void dropPending() {
        pending = null;
    }

    private void closeCursor() {
        pending = null;
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}
