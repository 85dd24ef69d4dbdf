package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;

/**
 * The hardware devices that the decoders of one service share: one per device type (a CUDA context, a VA display),
 * made when the first decoder asks for it and kept until {@link #close()}. A decoder with a device of its own costs
 * a CUDA context per camera: on the GPU machine, cameras analysed with NVDEC took 134 MB each (CameraCostBench,
 * nosub mode, N = 1 → 4) and a CUDA event thread each. Every decoder holds its own reference, so a device lives on
 * until the last decoder using it is closed, whatever the order of closing. Thread-safe.
 */
public final class HwDevices implements AutoCloseable {

    /** Makes a device; the explanation of a failure comes from {@link DecoderSetup}. */
    interface Maker {
        AVBufferRef make() throws DecoderSetup.Unusable;
    }

    private final Map<Integer, AVBufferRef> devices = new HashMap<>();
    private boolean closed;

    /**
     * A new reference to the shared device of {@code deviceType}, made first if there is none yet; after
     * {@link #close()} the caller gets a device of its own (the service is stopping; nothing is kept for it).
     */
    synchronized AVBufferRef reference(int deviceType, Maker maker) throws DecoderSetup.Unusable {
        if (closed) {
            return maker.make();
        }
        AVBufferRef device = devices.get(deviceType);
        if (device == null) {
            device = maker.make();
            devices.put(deviceType, device);
        }
        AVBufferRef ref = av_buffer_ref(device);
        if (ref == null || ref.isNull()) {
            throw new DecoderSetup.Unusable("out of memory for a device reference");
        }
        return ref;
    }

    /** How many devices are kept (for tests and diagnostics). */
    synchronized int size() {
        return devices.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        devices.values().forEach(device -> av_buffer_unref(device));
        devices.clear();
    }
}
