package org.doorstep.record;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.doorstep.store.SegmentRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands recorder news to whoever listens now: the recorder is built once, while faces (a window, a terminal
 * printer) come and go. A listener that throws is logged and skipped, so it can never stop a recorder.
 */
public final class RecordingListeners implements RecordingListener {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingListeners.class);
    private final List<RecordingListener> listeners = new CopyOnWriteArrayList<>();

    public AutoCloseable add(RecordingListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void onStatus(CameraStatus status) {
        for (RecordingListener l : listeners) {
            try {
                l.onStatus(status);
            } catch (RuntimeException e) {
                LOG.warn("a recording listener failed on a status: {}", e.toString());
            }
        }
    }

    @Override
    public void onSegment(SegmentRow segment) {
        for (RecordingListener l : listeners) {
            try {
                l.onSegment(segment);
            } catch (RuntimeException e) {
                LOG.warn("a recording listener failed on a segment: {}", e.toString());
            }
        }
    }
}
