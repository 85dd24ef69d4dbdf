package org.doorstep.playback;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.doorstep.media.BgraScaler;
import org.doorstep.media.DecodeException;
import org.doorstep.media.FrameTarget;
import org.doorstep.media.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a camera's played-back frames to a {@link FrameTarget} (a surface on screen), scaled by swscale straight into
 * the target's buffer at the size it is shown; a hidden target costs no scaling. Tells {@code recording} whether the
 * camera shows footage (true) or "no recording" (false), only when that changes. Used by one player thread.
 */
public final class TargetOut implements VideoOut, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TargetOut.class);

    private final FrameTarget target;
    private final Consumer<Boolean> recording;
    private final BgraScaler scaler = new BgraScaler();
    private Boolean showing;
    /** The size last drawn at, and of what source size, to tell when a paused picture needs drawing again. */
    private volatile Size drawn = Size.NONE;
    private volatile Size source = Size.NONE;
    private boolean scaleFailed;

    public TargetOut(FrameTarget target, Consumer<Boolean> recording) {
        this.target = target;
        this.recording = recording;
    }

    @Override
    public void frame(AVFrame frame, Instant at) {
        state(true);
        source = new Size(frame.width() & ~1, frame.height() & ~1);
        Size box = target.wanted();
        if (box.isEmpty()) {
            return;
        }
        Size size = box.fit(frame.width(), frame.height());
        if (size.isEmpty()) {
            return;
        }
        ByteBuffer buffer = target.acquire(size.width(), size.height());
        try {
            scaler.scale(frame, buffer, size.width(), size.height());
            target.publish();
            drawn = size;
        } catch (DecodeException e) {
            if (!scaleFailed) {
                scaleFailed = true;
                LOG.warn("cannot show played-back frames: {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean stale() {
        Size box = target.wanted();
        if (box.isEmpty() || source.isEmpty() || Boolean.FALSE.equals(showing)) {
            return false;
        }
        return !box.fit(source.width(), source.height()).equals(drawn);
    }

    @Override
    public void noRecording(Instant at) {
        state(false);
    }

    private void state(boolean now) {
        if (showing == null || showing != now) {
            showing = now;
            recording.accept(now);
        }
    }

    @Override
    public void close() {
        scaler.close();
    }
}
