package org.doorstep.record;


import org.doorstep.store.SegmentRow;
/** Receives recorder status changes (on recorder threads: a UI must hop to its own thread). */
@FunctionalInterface
public interface RecordingListener {
    void onStatus(CameraStatus status);

    /** Told after each segment is indexed. */
    default void onSegment(SegmentRow segment) {}

    RecordingListener NONE = s -> { };
}
