package org.doorstep.playback;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.doorstep.store.KeyframeIndex;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.privacy.SegmentKeyStore;

import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.media.SegmentDemuxer;
/**
 * Exports a time range of one camera as a plain, standard MP4 (moov at the front: faststart, not fragmented) by
 * copying packets — never re-encoding video. Segments are decrypted on the fly; the only clear file written is the
 * export itself (first under a temporary name, renamed when complete, removed when cancelled or failed).
 *
 * <p>Cut points: the export starts at the last keyframe at or before {@code from} (a copy cannot start between
 * keyframes) and ends with the last frame before {@code to}. Segments are placed on the timeline by their recorder
 * clock start, so a gap in the recording stays a gap in time rather than being silently spliced.
 *
 * <p>Audio: copied when it is MP4-compatible (AAC); G.711 recordings (kept as recorded, in MOV) are transcoded to
 * AAC here, because MP4 cannot carry G.711 — the only re-encoding anywhere, and only for the exported minutes.
 */
public final class ExportService {
    private final SegmentIndex index;
    private final SegmentFiles files;
    private final SegmentKeyStore keys;

    public ExportService(SegmentIndex index, SegmentFiles files, SegmentKeyStore keys) {
        this.index = index;
        this.files = files;
        this.keys = keys;
    }

    /** Progress from 0 to 1. */
    @FunctionalInterface
    public interface Progress {
        void update(double fraction);
    }

    /**
     * @param damaged the pieces of the range that could not be read (altered or cut bytes) and were left out,
     *                in time order; empty for a whole export
     */
    public record Result(Path file, Duration duration, int segments, long bytes, List<Damaged> damaged) {
        public Result {
            damaged = List.copyOf(damaged);
        }

        public Result(Path file, Duration duration, int segments, long bytes) {
            this(file, duration, segments, bytes, List.of());
        }
    }

    /** A piece of the recording left out of an export because its bytes were damaged. */
    public record Damaged(Instant from, Instant to) {}

    /** No recording overlaps the requested range. */
    public static final class NothingToExportException extends Exception {
        public NothingToExportException() {
            super("nothing recorded in that range");
        }
    }

    /**
     * Exports the range. A damaged piece of a segment (a chunk that fails authentication: a flipped bit on disk) is
     * left out — from the last picture read to the next keyframe that reads — and named in the result, instead of
     * failing the whole range: a bad sector must not cost the owner the rest of the footage.
     */
    public Result export(long cameraId, Instant from, Instant to, Path out, Progress progress, BooleanSupplier cancelled)
            throws IOException, SQLException, NothingToExportException {
        return export(cameraId, from, to, out, progress, cancelled, (Reencode) null);
    }

    /**
     * Regions to blur in an exported video (an access request under Art. 15 GDPR: third parties made
     * unrecognisable) and the H.264 encoder to re-encode with.
     */
    public record Blur(org.doorstep.media.PixelMask regions, String encoder) {}

    /** Like {@link #export(long, Instant, Instant, Path, Progress, BooleanSupplier)}, re-encoded with {@code blur}. */
    public Result export(long cameraId, Instant from, Instant to, Path out, Progress progress, BooleanSupplier cancelled,
                         Blur blur) throws IOException, SQLException, NothingToExportException {
        return export(cameraId, from, to, out, progress, cancelled,
                blur == null ? null : new Reencode(blur.regions(), null, blur.encoder()));
    }

    /**
     * What a re-encoded export changes in the picture: {@code blur} the regions to blur (null: none) and
     * {@code stamp} the text burned into every picture (null: none), encoded with {@code encoder}.
     */
    public record Reencode(org.doorstep.media.PixelMask blur, TimeStamp stamp, String encoder) {}

    /** Draws the box burned into the picture shown at {@code when} (recorder clock): an evidence export's time. */
    @FunctionalInterface
    public interface TimeStamp {
        org.doorstep.media.MaskingTranscoder.Stamp.Box at(Instant when, int pictureWidth, int pictureHeight);
    }

    /**
     * Like {@link #export(long, Instant, Instant, Path, Progress, BooleanSupplier)}, re-encoded with {@code edit}
     * (null: packets copied).
     */
    public Result export(long cameraId, Instant from, Instant to, Path out, Progress progress, BooleanSupplier cancelled,
                         Reencode edit) throws IOException, SQLException, NothingToExportException {
        List<SegmentRow> segments = index.find(cameraId, from, to).stream().filter(s -> s.stream().equals("main")).toList();
        if (segments.isEmpty()) {
            throw new NothingToExportException();
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        Files.deleteIfExists(tmp);
        Writer w = new Writer(tmp, edit);
        boolean ok = false;
        long lastMs = 0;
        List<Damaged> damaged = new ArrayList<>();
        try {
            Instant exportStart = null;
            boolean first = true;
            for (SegmentRow seg : segments) {
                if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("export cancelled");
                }
                long startWithin = Math.max(0, Duration.between(seg.start(), from).toMillis());
                List<KeyframeIndex.Keyframe> keyframes = KeyframeIndex.unpack(seg.keyframes());
                long cutMs = 0;
                int k = 0;
                for (int i = 0; i < keyframes.size(); i++) {
                    if (keyframes.get(i).millis() <= startWithin) {
                        cutMs = keyframes.get(i).millis();
                        k = i;
                    }
                }
                if (!first) {
                    k = 0;
                }
                if (exportStart == null) {
                    exportStart = seg.start().plusMillis(cutMs);
                    w.origin(exportStart);
                }
                long segOffsetMs = Duration.between(exportStart, seg.start()).toMillis();
                long endWithin = Duration.between(seg.start(), to).toMillis();
                w.beginSegment();
                long fromMs = first ? cutMs : 0;
                while (true) {
                    try (DecryptingSegmentReader r = DecryptingSegmentReader.open(files.resolve(seg.file()), keys);
                         SegmentDemuxer d = new SegmentDemuxer(k == 0 || keyframes.isEmpty() ? r
                                 : new FragmentSource(r, keyframes.get(0).offset(), keyframes.get(k).offset()),
                                 // as the player: opening reads only the header, so damage further on costs
                                 // only its own fragment (FFmpeg's MP4 index walk would read every fragment)
                                 SegmentDecoder.SHORT_PROBE)) {
                        w.ensureStreams(d);
                        lastMs = Math.max(lastMs, w.copy(d, segOffsetMs, fromMs, endWithin, cancelled));
                        break;
                    } catch (DecryptingSegmentReader.DamagedSegmentException e) {
                        // where reading stopped: after the last picture copied, at least at the keyframe opened
                        long reached = Math.max(w.segmentReachedMs(), keyframes.isEmpty() ? 0 : keyframes.get(k).millis());
                        int next = k + 1;
                        while (next < keyframes.size() && keyframes.get(next).millis() <= reached) {
                            next++;
                        }
                        boolean rest = next >= keyframes.size() || keyframes.get(next).millis() >= endWithin;
                        long lostTo = rest ? seg.duration().toMillis() : keyframes.get(next).millis();
                        Instant lostFrom = seg.start().plusMillis(Math.max(reached, fromMs));
                        Instant lostEnd = seg.start().plusMillis(Math.max(lostTo, reached));
                        note(damaged, new Damaged(lostFrom.isBefore(from) ? from : lostFrom, lostEnd.isAfter(to) ? to : lostEnd));
                        if (rest) {
                            break;
                        }
                        k = next;
                        fromMs = keyframes.get(next).millis();
                    }
                }
                first = false;
                double total = Math.max(1, Duration.between(exportStart, to).toMillis());
                progress.update(Math.min(1.0, lastMs / total));
            }
            w.finish();
            ok = true;
        } finally {
            w.release();
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        progress.update(1.0);
        return new Result(out, Duration.ofMillis(lastMs), segments.size(), Files.size(out), damaged);
    }

    /** Adds a damaged piece, merged with the previous one where they touch (a header that fails fails every try). */
    private static void note(List<Damaged> damaged, Damaged d) {
        if (!damaged.isEmpty()) {
            Damaged last = damaged.get(damaged.size() - 1);
            if (!d.from().isAfter(last.to())) {
                damaged.set(damaged.size() - 1, new Damaged(last.from(), d.to().isAfter(last.to()) ? d.to() : last.to()));
                return;
            }
        }
        damaged.add(d);
    }

    private static boolean isG711(int codecId) {
        return codecId == org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_MULAW
                || codecId == org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_ALAW;
    }

    /** The MP4 being written. */
    private static final class Writer {
        private final AVFormatContext oc = new AVFormatContext(null);
        private final AVPacket pkt = av_packet_alloc();
        private final Path path;
        private AVStream outVideo;
        private AVStream outAudio;
        private AVRational videoTb;
        private AVRational audioTb;
        private boolean headerWritten;
        private long lastVideoDts = Long.MIN_VALUE;
        /** Decode-time step between the last two video packets written: one frame. */
        private long lastVideoStep;
        /** Where the current segment's video goes on the export's timeline (see joined); MIN until known. */
        private long segmentVideoShift = Long.MIN_VALUE;
        /** Segment time (ms) of the last video picture copied from the current segment; -1 before the first. */
        private long segmentReachedMs = -1;
        private long lastAudioDts = Long.MIN_VALUE;
        private G711ToAac transcoder;
        private final Reencode edit;
        private org.doorstep.media.MaskingTranscoder blurring;
        /** The recorder-clock time of the export's first picture: export time 0. */
        private Instant origin;

        Writer(Path path, Reencode edit) throws IOException {
            this.path = path;
            this.edit = edit;
            if (avformat_alloc_output_context2(oc, null, "mp4", path.toString()) < 0) {
                throw new IOException("cannot create the MP4 writer");
            }
        }

        void ensureStreams(SegmentDemuxer d) throws IOException {
            if (headerWritten || outVideo != null) {
                return;
            }
            AVStream v = d.video();
            if (v == null) {
                throw new IOException("the recording has no video");
            }
            outVideo = avformat_new_stream(oc, null);
            videoTb = av_make_q(v.time_base().num(), v.time_base().den());
            if (edit == null) {
                avcodec_parameters_copy(outVideo.codecpar(), v.codecpar());
                outVideo.codecpar().codec_tag(0);
            } else {
                try {
                    org.doorstep.media.PixelMask regions = edit.blur() != null ? edit.blur() : (width, height) -> {
                        byte[] keep = new byte[width * height];
                        java.util.Arrays.fill(keep, (byte) 1);
                        return keep;
                    };
                    org.doorstep.media.MaskingTranscoder.Stamp stamp = edit.stamp() == null ? null
                            : (pts, width, height) -> edit.stamp().at(origin.plusNanos(
                                    av_rescale_q(pts, videoTb, av_make_q(1, 1_000_000)) * 1000), width, height);
                    blurring = new org.doorstep.media.MaskingTranscoder(v.codecpar(), videoTb, v.avg_frame_rate(),
                            regions, edit.encoder(), org.doorstep.media.MaskingTranscoder.Effect.BLUR, stamp);
                } catch (org.doorstep.media.DecodeException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
            outVideo.time_base(videoTb);
            AVStream a = d.audio();
            if (a != null && a.codecpar().codec_id() == org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC) {
                outAudio = avformat_new_stream(oc, null);
                avcodec_parameters_copy(outAudio.codecpar(), a.codecpar());
                outAudio.codecpar().codec_tag(0);
                audioTb = av_make_q(a.time_base().num(), a.time_base().den());
                outAudio.time_base(audioTb);
            } else if (a != null && isG711(a.codecpar().codec_id())) {
                transcoder = new G711ToAac(a.codecpar(), true);
                outAudio = avformat_new_stream(oc, null);
                avcodec_parameters_from_context(outAudio.codecpar(), transcoder.encoder());
                audioTb = transcoder.encoder().time_base();
                outAudio.time_base(audioTb);
            }
            if (blurring == null) {
                writeHeader();
            }
            // re-encoding: the header waits for the encoder's first picture, which brings its parameters
        }

        private void writeHeader() throws IOException {
            AVIOContext pb = new AVIOContext(null);
            int ret = avio_open(pb, path.toString(), AVIO_FLAG_WRITE);
            if (ret < 0) {
                throw new IOException("cannot write " + path.getFileName());
            }
            oc.pb(pb);
            AVDictionary opts = new AVDictionary(null);
            av_dict_set(opts, "movflags", "+faststart", 0);
            ret = avformat_write_header(oc, opts);
            av_dict_free(opts);
            if (ret < 0) {
                throw new IOException("cannot start the MP4 (" + ret + ")");
            }
            headerWritten = true;
        }

        void origin(Instant exportStart) {
            this.origin = exportStart;
        }

        /** A new segment starts: its placement is worked out from its first picture. */
        void beginSegment() {
            segmentVideoShift = Long.MIN_VALUE;
            segmentReachedMs = -1;
        }

        long segmentReachedMs() {
            return segmentReachedMs;
        }

        /** Copies packets of one segment; returns the export time (ms) reached. */
        long copy(SegmentDemuxer d, long segOffsetMs, long cutMs, long endWithinMs, BooleanSupplier cancelled) throws IOException {
            AVStream v = d.video();
            AVStream a = outAudio == null ? null : d.audio();
            boolean started = false;
            long reached = 0;
            while (d.read(pkt)) {
                try {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("export cancelled");
                    }
                    int si = pkt.stream_index();
                    boolean isVideo = si == d.videoIndex();
                    boolean isAudio = a != null && si == d.audioIndex();
                    if (!isVideo && !isAudio) {
                        continue;
                    }
                    AVRational tb = isVideo ? v.time_base() : a.time_base();
                    long t = pkt.dts() != AV_NOPTS_VALUE ? pkt.dts() : pkt.pts();
                    long ms = av_rescale_q(t, tb, av_make_q(1, 1000));
                    if (isVideo) {
                        if (ms >= endWithinMs) {
                            break;
                        }
                        if (!started) {
                            if ((pkt.flags() & AV_PKT_FLAG_KEY) == 0 || ms < cutMs) {
                                continue;
                            }
                            started = true;
                        }
                    } else if (!started || ms < cutMs || ms >= endWithinMs || !headerWritten) {
                        continue;
                    }
                    long shift = av_rescale_q(segOffsetMs, av_make_q(1, 1000), tb);
                    if (isVideo) {
                        if (segmentVideoShift == Long.MIN_VALUE) {
                            segmentVideoShift = joined(shift, pkt.dts() == AV_NOPTS_VALUE ? pkt.pts() : pkt.dts(), tb);
                        }
                        shift = segmentVideoShift;
                    }
                    if (isAudio && transcoder != null) {
                        long at = (pkt.dts() == AV_NOPTS_VALUE ? pkt.pts() : pkt.dts()) + shift;
                        transcoder.push(pkt, av_rescale_q(at, tb, audioTb), this::writeAac);
                        continue;
                    }
                    long dts = (pkt.dts() == AV_NOPTS_VALUE ? pkt.pts() : pkt.dts()) + shift;
                    long pts = (pkt.pts() == AV_NOPTS_VALUE ? dts - shift : pkt.pts()) + shift;
                    long last = isVideo ? lastVideoDts : lastAudioDts;
                    if (last != Long.MIN_VALUE && dts <= last) {
                        if (!isVideo) {
                            continue; // audio overlapping the previous segment's tail
                        }
                        dts = last + 1;
                    }
                    pts = Math.max(pts, dts);
                    if (isVideo) {
                        lastVideoStep = lastVideoDts == Long.MIN_VALUE ? 0 : dts - lastVideoDts;
                        lastVideoDts = dts;
                    } else {
                        lastAudioDts = dts;
                    }
                    pkt.dts(dts);
                    pkt.pts(pts);
                    pkt.pos(-1);
                    if (isVideo && blurring != null) {
                        av_packet_rescale_ts(pkt, tb, videoTb);
                        blurVideo(pkt);
                        reached = segOffsetMs + ms;
                        continue;
                    }
                    AVStream out = isVideo ? outVideo : outAudio;
                    pkt.stream_index(out.index());
                    av_packet_rescale_ts(pkt, tb, out.time_base());
                    int ret = av_interleaved_write_frame(oc, pkt);
                    if (ret < 0) {
                        throw new IOException("writing the MP4 failed (" + ret + ")");
                    }
                    if (isVideo) {
                        segmentReachedMs = ms;
                        reached = segOffsetMs + ms + av_rescale_q(Math.max(0, pkt.duration()), out.time_base(), av_make_q(1, 1000));
                    }
                } finally {
                    av_packet_unref(pkt);
                }
            }
            return reached;
        }

        /**
         * Where a segment's video goes: by its recorder-clock start (ms), unless it continues the previous segment
         * within a few milliseconds, as consecutive segments of one connection do. Then it joins exactly one frame
         * after the previous one, so the camera's timestamps run on unchanged instead of jumping by the rounding of
         * the recorder's millisecond clock (which shifts every B-picture against its neighbours).
         */
        private long joined(long shift, long firstDts, AVRational tb) {
            if (lastVideoDts == Long.MIN_VALUE || lastVideoStep <= 0 || firstDts == AV_NOPTS_VALUE) {
                return shift;
            }
            long expected = lastVideoDts + lastVideoStep;
            long tolerance = Math.max(lastVideoStep / 4, av_rescale_q(3, av_make_q(1, 1000), tb));
            long placed = firstDts + shift;
            return Math.abs(placed - expected) <= tolerance ? expected - firstDts : shift;
        }

        /** Decodes, blurs and encodes one video packet (timestamps in {@code videoTb}, already in export time). */
        private void blurVideo(AVPacket in) throws IOException {
            IOException[] failed = {null};
            try {
                blurring.send(in, encoded -> {
                    if (failed[0] != null) {
                        return;
                    }
                    try {
                        writeBlurred(encoded);
                    } catch (IOException e) {
                        failed[0] = e;
                    }
                });
            } catch (org.doorstep.media.DecodeException e) {
                throw new IOException(e.getMessage(), e);
            }
            if (failed[0] != null) {
                throw failed[0];
            }
        }

        private void writeBlurred(AVPacket encoded) throws IOException {
            if (!headerWritten) {
                avcodec_parameters_copy(outVideo.codecpar(), blurring.outputParameters());
                outVideo.codecpar().codec_tag(0);
                outVideo.time_base(videoTb);
                writeHeader();
            }
            encoded.stream_index(outVideo.index());
            av_packet_rescale_ts(encoded, videoTb, outVideo.time_base());
            int ret = av_interleaved_write_frame(oc, encoded);
            if (ret < 0) {
                throw new IOException("writing the MP4 failed (" + ret + ")");
            }
        }

        private void writeAac(AVPacket aac) throws IOException {
            aac.stream_index(outAudio.index());
            av_packet_rescale_ts(aac, audioTb, outAudio.time_base());
            int ret = av_interleaved_write_frame(oc, aac);
            if (ret < 0) {
                throw new IOException("writing the MP4 failed (" + ret + ")");
            }
        }

        void finish() throws IOException {
            if (!headerWritten) {
                throw new IOException("nothing was exported");
            }
            if (blurring != null && headerWritten) {
                IOException[] failed = {null};
                try {
                    blurring.flush(encoded -> {
                        try {
                            writeBlurred(encoded);
                        } catch (IOException e) {
                            failed[0] = e;
                        }
                    });
                } catch (org.doorstep.media.DecodeException e) {
                    throw new IOException(e.getMessage(), e);
                }
                if (failed[0] != null) {
                    throw failed[0];
                }
            }
            if (transcoder != null) {
                transcoder.flush(this::writeAac);
            }
            int ret = av_write_trailer(oc);
            if (ret < 0) {
                throw new IOException("finishing the MP4 failed (" + ret + ")");
            }
        }

        void release() {
            if (blurring != null) {
                blurring.close();
                blurring = null;
            }
            if (transcoder != null) {
                transcoder.close();
                transcoder = null;
            }
            if (oc.pb() != null && !oc.pb().isNull()) {
                avio_closep(oc.pb());
            }
            avformat_free_context(oc);
            av_packet_free(pkt);
        }
    }
}
