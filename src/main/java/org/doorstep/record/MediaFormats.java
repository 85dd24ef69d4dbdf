package org.doorstep.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_ALAW;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_MULAW;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;

/** Which codecs go where. */
final class MediaFormats {
    private MediaFormats() {}

    static boolean isG711(int codecId) {
        return codecId == AV_CODEC_ID_PCM_MULAW || codecId == AV_CODEC_ID_PCM_ALAW;
    }

    static boolean isMp4Audio(int codecId) {
        return codecId == AV_CODEC_ID_AAC || codecId == AV_CODEC_ID_MP3 || codecId == AV_CODEC_ID_OPUS;
    }

    static String name(int codecId) {
        return avcodec_get_name(codecId).getString();
    }
}
