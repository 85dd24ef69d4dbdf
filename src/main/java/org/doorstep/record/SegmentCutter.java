package org.doorstep.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.doorstep.media.SegmentDemuxer;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.privacy.EncryptingSegmentWriter;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.KeyframeIndex;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentRow;

/**
 * Keeps part of a recorded segment as a new encrypted segment under another key, by copying packets (never
 * re-encoding): used when an erase range starts or ends inside a segment. The kept part starts at a keyframe (a copy
 * cannot start between keyframes), so up to one keyframe interval after the erase range's end is lost with it; it
 * ends with the last frame that is over before the range starts.
 */
public final class SegmentCutter {
    private static final AVRational MILLIS = av_make_q(1, 1000);
    private final SegmentFiles files;
    private final SegmentKeyStore keys;
    private final EncryptingSegmentWriter.Buffers buffers = new EncryptingSegmentWriter.Buffers();

    public SegmentCutter(SegmentFiles files, SegmentKeyStore keys) {
        this.files = files;
        this.keys = keys;
    }

    /**
     * Writes the part of {@code seg} between {@code keepFrom} and {@code keepTo} to {@code target} under {@code key}
     * and answers its index row (named for its own start: {@code file} is where it belongs once the original is
     * gone); empty (and no file) when that part holds no keyframe.
     */
    public synchronized Optional<SegmentRow> keep(SegmentRow seg, Instant keepFrom, Instant keepTo, Path target,
                                                  SegmentKeyStore.SegmentKey key) throws IOException {
        long fromMs = Math.max(0, Duration.between(seg.start(), keepFrom).toMillis());
        long toMs = Duration.between(seg.start(), keepTo).toMillis();
        AVPacket pkt = av_packet_alloc();
        boolean ok = false;
        EncryptingSegmentWriter writer = null;
        SegmentMuxer muxer = null;
        try (DecryptingSegmentReader reader = DecryptingSegmentReader.open(files.resolve(seg.file()), keys);
             SegmentDemuxer in = new SegmentDemuxer(reader)) {
            AVStream video = in.video();
            AVStream audio = in.audio();
            if (video == null) {
                throw new IOException("the recording has no video");
            }
            KeyframeIndex keyframes = new KeyframeIndex();
            long baseVideo = 0;
            long baseAudio = 0;
            long firstMs = -1;
            long lastEndMs = -1;
            long lastVideoDts = -1;
            long lastAudioDts = -1;
            while (in.read(pkt)) {
                try {
                    int si = pkt.stream_index();
                    boolean isVideo = si == in.videoIndex();
                    boolean isAudio = audio != null && si == in.audioIndex();
                    if (!isVideo && !isAudio) {
                        continue;
                    }
                    AVRational tb = isVideo ? video.time_base() : audio.time_base();
                    long t = pkt.dts() != AV_NOPTS_VALUE ? pkt.dts() : pkt.pts();
                    long ms = av_rescale_q(t, tb, MILLIS);
                    if (isVideo) {
                        // a frame shown past the end would show a moment of the erased range: it goes too
                        if (ms + av_rescale_q(Math.max(0, pkt.duration()), tb, MILLIS) > toMs || ms >= toMs) {
                            break;
                        }
                        if (muxer == null) {
                            if ((pkt.flags() & AV_PKT_FLAG_KEY) == 0 || ms < fromMs) {
                                continue;
                            }
                            writer = new EncryptingSegmentWriter(target, key, buffers);
                            muxer = new SegmentMuxer(writer, video, audio);
                            firstMs = ms;
                            baseVideo = t;
                            baseAudio = audio == null ? 0 : av_rescale_q(t, tb, audio.time_base());
                        }
                    } else if (muxer == null || ms < firstMs || ms >= toMs) {
                        continue;
                    }
                    long base = isVideo ? baseVideo : baseAudio;
                    long dts = t - base;
                    long pts = (pkt.pts() == AV_NOPTS_VALUE ? t : pkt.pts()) - base;
                    long last = isVideo ? lastVideoDts : lastAudioDts;
                    if (dts <= last) {
                        if (!isVideo) {
                            continue;
                        }
                        dts = last + 1;
                    }
                    pkt.dts(dts);
                    pkt.pts(Math.max(pts, dts));
                    boolean keyframe = isVideo && (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
                    long duration = Math.max(0, pkt.duration());
                    long offset = muxer.write(pkt, isVideo ? 0 : 1);
                    if (isVideo) {
                        lastVideoDts = dts;
                        lastEndMs = ms + av_rescale_q(duration, tb, MILLIS);
                        if (keyframe) {
                            keyframes.add(ms - firstMs, offset);
                        }
                    } else {
                        lastAudioDts = dts;
                    }
                } finally {
                    av_packet_unref(pkt);
                }
            }
            if (muxer == null) {
                return Optional.empty();
            }
            SegmentMuxer finished = muxer;
            muxer = null;
            finished.close();
            Instant start = seg.start().plusMillis(firstMs);
            Instant end = seg.start().plusMillis(Math.max(lastEndMs, firstMs + 1));
            ok = true;
            return Optional.of(new SegmentRow(0, seg.cameraId(), seg.stream(), start, end,
                    seg.cameraStart() == null ? null : seg.cameraStart().plusMillis(firstMs), seg.driftMs(),
                    Files.size(target), seg.videoCodec(), seg.audioCodec(), seg.width(), seg.height(),
                    keyframes.pack(), key.id(), files.relative(seg.cameraId(), seg.stream(), start)));
        } finally {
            av_packet_free(pkt);
            if (muxer != null) {
                muxer.abandon();
            }
            if (!ok) {
                Files.deleteIfExists(target);
            }
        }
    }
}
