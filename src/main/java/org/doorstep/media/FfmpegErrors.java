package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import org.bytedeco.javacpp.BytePointer;

/** Turns FFmpeg's negative error codes into text. */
final class FfmpegErrors {

    private FfmpegErrors() {
    }

    static String text(int code) {
        try (BytePointer buf = new BytePointer(256)) {
            if (av_strerror(code, buf, buf.capacity()) < 0) {
                return "error " + code;
            }
            String text = buf.getString();
            int end = text.indexOf('\0');
            return end >= 0 ? text.substring(0, end) : text;
        }
    }
}
