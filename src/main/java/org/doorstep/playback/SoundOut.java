package org.doorstep.playback;

import java.time.Instant;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;

/** Where a camera's recorded sound goes while it plays. */
interface SoundOut {

    /** A demuxed audio packet recorded at {@code at} (valid only during the call; player thread). */
    void packet(AVStream stream, AVPacket packet, Instant at);

    /** The playhead jumped: drop what is queued. */
    void reset();
}
