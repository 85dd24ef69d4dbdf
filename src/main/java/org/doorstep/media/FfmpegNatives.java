package org.doorstep.media;

import org.bytedeco.javacpp.Loader;

/**
 * Loads the FFmpeg libraries once (JavaCPP caches, so repeated calls are cheap) and routes FFmpeg's
 * messages to SLF4J (see {@link FfmpegLog}).
 */
final class FfmpegNatives {

    private FfmpegNatives() {
    }

    static void load() {
        Loader.load(org.bytedeco.ffmpeg.global.avutil.class);
        Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
        Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
        Loader.load(org.bytedeco.ffmpeg.global.swscale.class);
        FfmpegLog.install();
    }
}
