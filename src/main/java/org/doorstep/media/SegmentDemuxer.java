package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * Demuxes a recorded segment from a {@link SeekableSource} (in practice the decrypting reader): FFmpeg sees the
 * plain fragmented MP4, the disk only ever holds ciphertext. Failures are IOExceptions, the source's own when it
 * threw one (an altered file, a missing key), so callers can tell damage from bugs.
 */
public final class SegmentDemuxer implements AutoCloseable {
    private static final String NAME = "the recording";

    private final MediaInput input;
    private final int videoIndex;
    private final int audioIndex;

    public SegmentDemuxer(SeekableSource source) throws IOException {
        this(source, InputOptions.RECORDING);
    }

    /** With other options, e.g. a short probe for playback, where a seek must not read seconds ahead. */
    public SegmentDemuxer(SeekableSource source, InputOptions options) throws IOException {
        try {
            input = MediaInput.open(source, NAME, options);
        } catch (MediaInputException e) {
            throw asIo(e);
        }
        videoIndex = input.firstStream(AVMEDIA_TYPE_VIDEO);
        audioIndex = input.firstStream(AVMEDIA_TYPE_AUDIO);
    }

    private static IOException asIo(MediaInputException e) {
        return e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }

    /** Next packet into {@code pkt} (caller unrefs); false at the end. Throws when the file is damaged. */
    public boolean read(AVPacket pkt) throws IOException {
        int ret = input.read(pkt);
        if (input.sourceError() != null) {
            throw input.sourceError();
        }
        if (ret == AVERROR_EOF) {
            return false;
        }
        if (ret < 0) {
            throw asIo(input.readFailure(ret));
        }
        return true;
    }

    public AVFormatContext context() {
        return input.context();
    }

    public AVStream video() {
        return videoIndex < 0 ? null : input.context().streams(videoIndex);
    }

    public AVStream audio() {
        return audioIndex < 0 ? null : input.context().streams(audioIndex);
    }

    public int videoIndex() {
        return videoIndex;
    }

    public int audioIndex() {
        return audioIndex;
    }

    @Override
    public void close() {
        input.close();
    }
}
