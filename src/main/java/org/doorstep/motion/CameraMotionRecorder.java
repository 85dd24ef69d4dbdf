package org.doorstep.motion;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.doorstep.store.ActivityRepository;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.doorstep.privacy.ThumbnailSink;
/**
 * Writes one camera's motion conclusions to the index: an event row as soon as motion starts (so the
 * timeline shows it while it happens), completed with its end, peak score, box and thumbnail when it
 * ends; and the per-second activity, a minute row at a time.
 */
final class CameraMotionRecorder implements MotionListener {
    private static final Logger LOG = LoggerFactory.getLogger(CameraMotionRecorder.class);

    private final long cameraId;
    private final EventRepository events;
    private final ActivityRepository activity;
    private final ThumbnailSink thumbnails;
    private final PeakFrame peakFrame;
    private StoredEvent open;
    private Instant minute;
    private byte[] minuteLevels = new byte[60];

    CameraMotionRecorder(long cameraId, EventRepository events, ActivityRepository activity, ThumbnailSink thumbnails,
                         PeakFrame peakFrame) {
        this.cameraId = cameraId;
        this.events = events;
        this.activity = activity;
        this.thumbnails = thumbnails;
        this.peakFrame = peakFrame;
    }

    @Override
    public void eventStarted(Instant start) {
        if (open != null) {
            return;
        }
        // a new event: an earlier blip must not lend it its thumbnail
        peakFrame.reset();
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
        try {
            if (open == null) {
                events.insert(done);
            } else {
                events.update(done);
            }
        } catch (SQLException e) {
            LOG.warn("camera {}: motion event could not be stored: {}", cameraId, e.toString());
        }
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
        if (minute == null) {
            return;
        }
        boolean any = false;
        for (byte b : minuteLevels) {
            any |= b != 0;
        }
        if (any) {
            try {
                activity.merge(cameraId, minute, minuteLevels);
            } catch (SQLException e) {
                LOG.warn("camera {}: activity could not be stored: {}", cameraId, e.toString());
            }
        }
        minuteLevels = new byte[60];
        minute = null;
    }
}
