package org.doorstep.media;

import org.bytedeco.javacpp.Loader;

/** Loads the FFmpeg libraries once (JavaCPP caches, so repeated calls are cheap). */
final class FfmpegNatives {

    private FfmpegNatives() {
    }

    static void load() {
        Loader.load(org.bytedeco.ffmpeg.global.avutil.class);
        Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
        Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
        Loader.load(org.bytedeco.ffmpeg.global.swscale.class);
    }

    /**
     * FFmpeg writes informational lines (stream layouts) straight to the process's stderr; a command
     * line tool wants only real errors there. Leaves a level someone else chose alone.
     */
    static void onlyErrorsToStderr() {
        load();
        if (org.bytedeco.ffmpeg.global.avutil.av_log_get_level() == org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO) {
            org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
        }
    }
}
