package org.doorstep.motion;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.doorstep.store.ActivityRepository;
import org.doorstep.store.AnalysedStreams;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.doorstep.privacy.ThumbnailSink;
/**
 * Writes one camera's motion conclusions to the index: an event row as soon as motion starts (so the
 * timeline shows it while it happens), completed with its end, peak score, box and thumbnail when it
 * ends; the per-second activity, a minute row at a time; and the stream the analysis opened (size, frame rate), for
 * the cost figure doctor estimates.
 *
 * <p>A write the index refuses (a full disk: H2 closed the database, and reopening it failed too) is kept and tried
 * again before the next write and at every minute: motion events exist nowhere else, so the start-up reconcile that
 * recovers segment rows cannot bring them back.
 */
final class CameraMotionRecorder implements MotionListener {
    private static final Logger LOG = LoggerFactory.getLogger(CameraMotionRecorder.class);

    private final long cameraId;
    private final EventRepository events;
    private final ActivityRepository activity;
    private final ThumbnailSink thumbnails;
    private final PeakFrame peakFrame;
    private final AnalysedStreams streams;
    private final boolean onSubStream;
    /** Most writes kept while the index refuses them (a day of minutes and events); the oldest go first. */
    static final int MAX_PENDING = 2000;

    /** A write to try again. */
    private interface Write {
        void run() throws SQLException;
    }

    private final java.util.ArrayDeque<Write> pending = new java.util.ArrayDeque<>();
    private StoredEvent open;
    private Instant minute;
    private byte[] minuteLevels = new byte[60];

    /**
     * @param streams     where the opened stream's size and frame rate are kept
     * @param onSubStream whether the camera's sub stream is analysed (else its main stream)
     */
    CameraMotionRecorder(long cameraId, EventRepository events, ActivityRepository activity, ThumbnailSink thumbnails,
                         PeakFrame peakFrame, AnalysedStreams streams, boolean onSubStream) {
        this.cameraId = cameraId;
        this.events = events;
        this.activity = activity;
        this.thumbnails = thumbnails;
        this.peakFrame = peakFrame;
        this.streams = streams;
        this.onSubStream = onSubStream;
    }

    @Override
    public void streamOpened(int width, int height, double fps) {
        try {
            streams.opened(cameraId, onSubStream, width, height, fps, Instant.now());
        } catch (SQLException | IllegalArgumentException e) {
            // only the cost estimate of a later doctor run misses it; the analysis itself goes on
            LOG.warn("camera {}: the analysed stream's size could not be stored: {}", cameraId, e.toString());
        }
    }

    @Override
    public void eventStarted(Instant start) {
        if (open != null) {
            return;
        }
        // a new event: an earlier blip must not lend it its thumbnail
        peakFrame.reset();
        writePending();
        try {
            open = events.insert(new StoredEvent(0, cameraId, StoredEvent.MOTION, start, null, 0, null, null, null));
        } catch (SQLException e) {
            LOG.warn("camera {}: motion event could not be stored: {}", cameraId, e.toString());
        }
    }

    @Override
    public void frame(Instant at, FrameAnalysis analysis, org.doorstep.media.GreyFrame picture) {
        if (analysis.hasMotion()) {
            peakFrame.offer(picture.pixels(), picture.width(), picture.height(), analysis.score());
        }
    }

    @Override
    public void eventEnded(MotionEvent event) {
        StoredEvent.Box box = event.box() == null ? null
                : new StoredEvent.Box(event.box().x(), event.box().y(), event.box().width(), event.box().height());
        ThumbnailSink.Stored thumb = null;
        if (thumbnails != null) {
            try {
                byte[] jpeg = peakFrame.takeJpeg();
                if (jpeg != null) {
                    thumb = thumbnails.store(cameraId, event.peakAt() == null ? event.start() : event.peakAt(), jpeg);
                }
            } catch (Exception e) {
                LOG.warn("camera {}: thumbnail could not be stored: {}", cameraId, e.toString());
            }
        }
        StoredEvent done = new StoredEvent(open == null ? 0 : open.id(), cameraId, StoredEvent.MOTION, event.start(),
                event.end(), event.peakScore(), box, thumb == null ? null : thumb.file(), thumb == null ? null : thumb.keyId());
        writeOrKeep(open == null ? () -> events.insert(done) : () -> events.update(done), "motion event");
        open = null;
    }

    @Override
    public void activity(ActivitySample sample) {
        Instant sampleMinute = sample.second().truncatedTo(ChronoUnit.MINUTES);
        if (minute != null && !minute.equals(sampleMinute)) {
            flushActivity();
        }
        minute = sampleMinute;
        int second = (int) (sample.second().getEpochSecond() - sampleMinute.getEpochSecond());
        minuteLevels[second] = (byte) Math.max(minuteLevels[second], Math.min(100, Math.max(0, sample.level())));
    }

    /** Stores the activity collected for the current minute (also called when the camera stops). */
    void flushActivity() {
        writePending();
        if (minute == null) {
            return;
        }
        boolean any = false;
        for (byte b : minuteLevels) {
            any |= b != 0;
        }
        if (any) {
            Instant m = minute;
            byte[] levels = minuteLevels;
            writeOrKeep(() -> activity.merge(cameraId, m, levels), "activity");
        }
        minuteLevels = new byte[60];
        minute = null;
    }

    /** Writes refused writes kept earlier, oldest first; stops at the first still refused. */
    private void writePending() {
        while (!pending.isEmpty()) {
            try {
                pending.peekFirst().run();
            } catch (SQLException e) {
                return;
            }
            pending.pollFirst();
        }
    }

    /** Writes now, after what waits; keeps the write (in order) when the index refuses it. */
    private void writeOrKeep(Write write, String what) {
        writePending();
        if (pending.isEmpty()) {
            try {
                write.run();
                return;
            } catch (SQLException e) {
                LOG.warn("camera {}: {} could not be stored now; kept to try again: {}", cameraId, what, e.toString());
            }
        }
        if (pending.size() >= MAX_PENDING) {
            pending.pollFirst();
            LOG.warn("camera {}: the index has refused writes for long; the oldest kept one is dropped", cameraId);
        }
        pending.addLast(write);
    }

    /** Writes still waiting for the index (for tests and the log at stop). */
    int pendingWrites() {
        return pending.size();
    }
}
