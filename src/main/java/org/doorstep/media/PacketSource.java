package org.doorstep.media;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;

/**
 * Where a decoder or the recorder gets its packets: FFmpeg's demuxer ({@link MediaInput}) or, for plain RTSP over
 * TCP, Doorstep's own reader ({@link RtspTcpInput}); both describe their streams in an {@link AVFormatContext}.
 * {@link PacketSources#open} chooses.
 */
interface PacketSource extends AutoCloseable {
    AVFormatContext context();

    /** The next packet into {@code pkt} (the caller unrefs it): 0, or FFmpeg's negative code (see readFailure). */
    int read(AVPacket pkt);

    /** Why a read that returned {@code code} failed. */
    MediaInputException readFailure(int code);

    String displayName();

    /** Ends any blocking call at once, and every later one; from any thread. */
    void interrupt();

    @Override
    void close();
}
