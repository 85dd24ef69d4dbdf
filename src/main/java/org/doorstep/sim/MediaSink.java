package org.doorstep.sim;

/** Receives the pictures and audio payloads of a live stream as the pacer publishes them. Must not block. */
interface MediaSink {
    /** Picture number {@code tick} since the pacer started (RTP time = tick * 90000 / fps). */
    void video(VideoFrame frame, long tick);

    /** An audio payload starting at {@code sampleTime} samples since the pacer started. */
    void audio(byte[] payload, long sampleTime);
}
