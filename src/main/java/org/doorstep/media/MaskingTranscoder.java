package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a camera's video packets, blacks out the privacy mask in every picture and encodes them again, so the
 * masked area never reaches the disk. Output packets carry timestamps in the input stream's time base, without
 * B-frames (dts = pts); a keyframe of the camera is encoded as a keyframe (IDR), so segments keep the camera's GOP.
 *
 * <p>The encoder opens at the first decoded picture (its size and colour range are known only then); until then
 * {@link #outputParameters()} is null. One instance per connection; not thread-safe.
 */
public final class MaskingTranscoder implements AutoCloseable {

    /** What happens inside the mask: black (privacy masks, before storage) or a strong blur (export for Art. 15). */
    public enum Effect { BLACK, BLUR }

    /**
     * A box of text burned into each picture after masking (an evidence export: date, time and camera), drawn by the
     * caller: FFmpeg's drawtext needs a font library this build may lack.
     */
    @FunctionalInterface
    public interface Stamp {
        /** The box for the picture at {@code pts} (the time base given to the transcoder), or null for none. */
        Box at(long pts, int pictureWidth, int pictureHeight);

        /**
         * An opaque grey-scale box: {@code luma} holds {@code width * height} full-range values, row by row; its
         * colour is neutral grey (no chroma).
         */
        record Box(int x, int y, int width, int height, byte[] luma) {}
    }

    private static final Logger LOG = LoggerFactory.getLogger(MaskingTranscoder.class);
    private static final int EAGAIN = -11;

    private final String encoderName;
    private final int encoderPixFmt;
    private final PixelMask mask;
    private final Effect effect;
    private final Stamp stamp;
    private final AVRational timeBase;
    private final AVRational frameRate;
    private final long inputBitRate;
    private final AVCodecContext dec;
    private final AVFrame decoded = av_frame_alloc();
    private final AVFrame planar = av_frame_alloc();
    private final AVFrame forEncoder = av_frame_alloc();
    private final AVPacket encoded = av_packet_alloc();
    private final AVCodecParameters outPar = avcodec_parameters_alloc();
    private AVCodecContext enc;
    private SwsContext toPlanar;
    private SwsContext toEncoder;
    private MaskRuns runs;
    private VaapiFrames vaapi;
    private long lastPts = AV_NOPTS_VALUE;
    private long frameDuration;
    private long frames;
    private long decodeErrors;

    /**
     * @param input     the camera stream's parameters (H.264, HEVC, anything FFmpeg decodes)
     * @param timeBase  the stream's time base; output timestamps are in it too
     * @param frameRate the camera's frame rate (0/0 when unknown: 15 is assumed)
     * @param mask      what stays visible
     * @param encoder   an FFmpeg H.264 encoder name, see {@link H264Encoders}
     */
    public MaskingTranscoder(AVCodecParameters input, AVRational timeBase, AVRational frameRate, PixelMask mask,
                             String encoder) throws DecodeException {
        this(input, timeBase, frameRate, mask, encoder, Effect.BLACK);
    }

    /** Like the other constructor, with the blur of an access-request export instead of black if asked. */
    public MaskingTranscoder(AVCodecParameters input, AVRational timeBase, AVRational frameRate, PixelMask mask,
                             String encoder, Effect effect) throws DecodeException {
        this(input, timeBase, frameRate, mask, encoder, effect, null);
    }

    /** Like the other constructors, with {@code stamp} (may be null) burned into every picture after the mask. */
    public MaskingTranscoder(AVCodecParameters input, AVRational timeBase, AVRational frameRate, PixelMask mask,
                             String encoder, Effect effect, Stamp stamp) throws DecodeException {
        FfmpegNatives.load();
        this.effect = effect;
        this.stamp = stamp;
        this.encoderName = encoder;
        this.encoderPixFmt = H264Encoders.pixelFormatFor(encoder);
        this.mask = mask;
        this.timeBase = av_make_q(timeBase.num(), timeBase.den());
        this.frameRate = frameRate != null && frameRate.num() > 0 && frameRate.den() > 0
                ? av_make_q(frameRate.num(), frameRate.den()) : av_make_q(15, 1);
        this.frameDuration = Math.max(1, Math.round(timeBase.den() / (double) timeBase.num()
                * this.frameRate.den() / this.frameRate.num()));
        this.inputBitRate = input.bit_rate();
        AVCodec decoder = avcodec_find_decoder(input.codec_id());
        if (decoder == null || decoder.isNull()) {
            close();
            throw new DecodeException("This FFmpeg build cannot decode the camera's video.");
        }
        dec = avcodec_alloc_context3(decoder);
        avcodec_parameters_to_context(dec, input);
        dec.pkt_timebase(this.timeBase);
        dec.thread_count(1); // no frame threading: it would hold pictures back and hide the decoder's true cost
        int r = avcodec_open2(dec, decoder, (AVDictionary) null);
        if (r < 0) {
            close();
            throw new DecodeException("Cannot open the video decoder: " + FfmpegErrors.text(r));
        }
    }

    public String encoderName() {
        return encoderName;
    }

    /** Pictures encoded so far. */
    public long frames() {
        return frames;
    }

    /** The encoded stream's parameters (for the muxer), or null before the first picture was encoded. */
    public AVCodecParameters outputParameters() {
        return enc == null ? null : outPar;
    }

    /**
     * Decodes {@code packet}, masks and encodes what it yields, and hands each encoded packet to {@code sink} (which
     * must not keep it: it is reused). A damaged packet is skipped, as a player would.
     */
    public void send(AVPacket packet, Consumer<AVPacket> sink) throws DecodeException {
        int r = avcodec_send_packet(dec, packet);
        if (r < 0 && r != EAGAIN) {
            if (decodeErrors++ % 100 == 0) {
                LOG.debug("damaged video packet skipped: {}", FfmpegErrors.text(r));
            }
            return;
        }
        while (avcodec_receive_frame(dec, decoded) >= 0) {
            try {
                encode(decoded, sink);
            } finally {
                av_frame_unref(decoded);
            }
        }
    }

    /** Encodes what the encoder still holds (at the end of a connection). */
    public void flush(Consumer<AVPacket> sink) throws DecodeException {
        if (enc == null) {
            return;
        }
        avcodec_send_frame(enc, null);
        drain(sink);
    }

    private void encode(AVFrame frame, Consumer<AVPacket> sink) throws DecodeException {
        int fmt = frame.format();
        boolean fullRange = fmt == AV_PIX_FMT_YUVJ420P || frame.color_range() == AVCOL_RANGE_JPEG;
        AVFrame pic;
        if (fmt == AV_PIX_FMT_YUV420P || fmt == AV_PIX_FMT_YUVJ420P) {
            if (av_frame_make_writable(frame) < 0) {
                throw new DecodeException("Out of memory while masking a picture.");
            }
            pic = frame;
            pic.format(AV_PIX_FMT_YUV420P); // same layout; the range travels in color_range
        } else {
            toPlanar = convert(toPlanar, frame, planar, AV_PIX_FMT_YUV420P);
            pic = planar;
        }
        if (fullRange) {
            pic.color_range(AVCOL_RANGE_JPEG);
        }
        blackOut(pic, fullRange);
        long pts = frame.best_effort_timestamp();
        if (pts == AV_NOPTS_VALUE) {
            pts = lastPts == AV_NOPTS_VALUE ? 0 : lastPts + frameDuration;
        }
        if (lastPts != AV_NOPTS_VALUE && pts <= lastPts) {
            pts = lastPts + 1; // encoders refuse timestamps that do not increase
        }
        lastPts = pts;
        if (stamp != null) {
            burnIn(pic, stamp.at(pts, pic.width(), pic.height()), fullRange);
        }
        if (enc == null) {
            openEncoder(pic.width(), pic.height(), fullRange);
        }
        AVFrame out = pic;
        if (encoderPixFmt != AV_PIX_FMT_YUV420P) {
            toEncoder = convert(toEncoder, pic, forEncoder, encoderPixFmt);
            out = forEncoder;
        }
        out.pts(pts);
        out.pict_type((frame.flags() & FrameFlags.KEY) != 0 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        if (vaapi != null) {
            out = vaapi.upload(out);
        }
        int r = avcodec_send_frame(enc, out);
        if (r < 0) {
            throw new DecodeException("The " + encoderName + " encoder refused a picture: " + FfmpegErrors.text(r));
        }
        frames++;
        drain(sink);
    }

    private void drain(Consumer<AVPacket> sink) {
        while (avcodec_receive_packet(enc, encoded) >= 0) {
            try {
                if (encoded.dts() == AV_NOPTS_VALUE) {
                    encoded.dts(encoded.pts());
                }
                sink.accept(encoded);
            } finally {
                av_packet_unref(encoded);
            }
        }
    }

    private void openEncoder(int width, int height, boolean fullRange) throws DecodeException {
        AVCodec codec = avcodec_find_encoder_by_name(encoderName);
        if (codec == null || codec.isNull()) {
            throw new DecodeException("This FFmpeg build has no " + encoderName + " encoder.");
        }
        enc = avcodec_alloc_context3(codec);
        enc.width(width);
        enc.height(height);
        enc.pix_fmt(encoderPixFmt);
        enc.time_base(timeBase);
        enc.framerate(frameRate);
        double fps = frameRate.num() / (double) frameRate.den();
        // the camera's keyframes are forced through; this only bounds a camera that sends very few
        enc.gop_size((int) Math.max(1, Math.round(fps * 4)));
        enc.max_b_frames(0);
        enc.bit_rate(inputBitRate > 0 ? inputBitRate : Math.max(500_000, (long) (width * (long) height * fps / 10)));
        if (fullRange) {
            enc.color_range(AVCOL_RANGE_JPEG);
        }
        enc.flags(enc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER); // MP4 keeps SPS/PPS in the sample description
        if (encoderName.endsWith("_vaapi")) {
            try {
                vaapi = VaapiFrames.open(width, height);
            } catch (DecodeException e) {
                avcodec_free_context(enc);
                enc = null;
                throw e;
            }
            vaapi.attach(enc);
        }
        AVDictionary opts = new AVDictionary(null);
        av_dict_set(opts, "forced_idr", "1", 0); // NVENC/QSV: a forced keyframe is an IDR, so a fragment starts clean
        av_dict_set(opts, "allow_skip_frames", "0", 0); // openh264 must not drop pictures under rate control
        // no FfmpegLog capture: formatting encoder messages from Java crashed the JVM (see H264Encoders.probe)
        int r = avcodec_open2(enc, codec, opts);
        av_dict_free(opts);
        if (r < 0) {
            avcodec_free_context(enc);
            enc = null;
            if (vaapi != null) {
                vaapi.close();
                vaapi = null;
            }
            throw new DecodeException("Cannot open the " + encoderName + " encoder: " + FfmpegErrors.text(r));
        }
        avcodec_parameters_from_context(outPar, enc);
    }

    private SwsContext convert(SwsContext cached, AVFrame from, AVFrame to, int pixFmt) throws DecodeException {
        if (to.width() != from.width() || to.height() != from.height() || to.format() != pixFmt) {
            av_frame_unref(to);
            to.width(from.width());
            to.height(from.height());
            to.format(pixFmt);
            if (av_frame_get_buffer(to, 0) < 0) {
                throw new DecodeException("Out of memory while masking a picture.");
            }
        }
        SwsContext sws = sws_getCachedContext(cached, from.width(), from.height(), from.format(), to.width(),
                to.height(), pixFmt, SWS_BILINEAR, null, null, (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            throw new DecodeException("Cannot convert the camera's pictures for the encoder.");
        }
        sws_scale(sws, from.data(), from.linesize(), 0, from.height(), to.data(), to.linesize());
        to.color_range(from.color_range());
        return sws;
    }

    /** Copies {@code box} into a planar 4:2:0 picture (clipped to it), its chroma neutral. */
    private static void burnIn(AVFrame pic, Stamp.Box box, boolean fullRange) {
        if (box == null) {
            return;
        }
        int w = pic.width();
        int h = pic.height();
        int x0 = Math.max(0, box.x());
        int y0 = Math.max(0, box.y());
        int x1 = Math.min(w, box.x() + box.width());
        int y1 = Math.min(h, box.y() + box.height());
        if (x1 <= x0 || y1 <= y0) {
            return;
        }
        byte[] row = new byte[x1 - x0];
        BytePointer luma = pic.data(0);
        long base = luma.position();
        for (int y = y0; y < y1; y++) {
            int from = (y - box.y()) * box.width() + (x0 - box.x());
            for (int i = 0; i < row.length; i++) {
                int v = box.luma()[from + i] & 0xff;
                // limited-range video keeps luma in 16..235: scale, or white text would clip and black would lift
                row[i] = (byte) (fullRange ? v : 16 + v * 219 / 255);
            }
            luma.position(base + (long) y * pic.linesize(0) + x0).put(row, 0, row.length);
        }
        luma.position(base);
        int cx0 = x0 / 2;
        int cx1 = Math.min((w + 1) / 2, (x1 + 1) / 2);
        for (int plane = 1; plane <= 2; plane++) {
            BytePointer p = pic.data(plane);
            long pb = p.position();
            for (int y = y0 / 2; y < Math.min((h + 1) / 2, (y1 + 1) / 2); y++) {
                p.position(pb + (long) y * pic.linesize(plane) + cx0);
                Pointer.memset(p, (byte) 128, cx1 - cx0);
            }
            p.position(pb);
        }
    }

    /** Sets the masked pixels of a planar 4:2:0 picture to black. */
    private void blackOut(AVFrame pic, boolean fullRange) {
        int w = pic.width();
        int h = pic.height();
        if (runs == null || runs.width != w || runs.height != h) {
            runs = MaskRuns.of(mask.raster(w, h), w, h);
        }
        if (effect == Effect.BLUR) {
            blur(pic.data(0), pic.linesize(0), w, h, runs.luma);
            blur(pic.data(1), pic.linesize(1), (w + 1) / 2, (h + 1) / 2, runs.chroma);
            blur(pic.data(2), pic.linesize(2), (w + 1) / 2, (h + 1) / 2, runs.chroma);
            return;
        }
        byte black = (byte) (fullRange ? 0 : 16);
        fill(pic.data(0), pic.linesize(0), runs.luma, black);
        fill(pic.data(1), pic.linesize(1), runs.chroma, (byte) 128);
        fill(pic.data(2), pic.linesize(2), runs.chroma, (byte) 128);
    }

    /**
     * Replaces the masked pixels of one plane by a heavy blur (three box passes each way, radius a 24th of the
     * plane's width): faces and number plates become unrecognisable, the scene stays readable. Only the rows the
     * mask touches are read.
     */
    private static void blur(BytePointer plane, int stride, int w, int h, int[] spans) {
        if (spans.length == 0) {
            return;
        }
        int radius = Math.max(3, w / 24);
        int top = Math.max(0, spans[0] - radius * 3);
        int bottom = Math.min(h, spans[spans.length - 3] + 1 + radius * 3);
        int rows = bottom - top;
        // only the columns the mask touches, plus the blur's reach: a region on one side costs that side only
        int minX = w;
        int maxX = 0;
        for (int i = 0; i < spans.length; i += 3) {
            minX = Math.min(minX, spans[i + 1]);
            maxX = Math.max(maxX, spans[i + 1] + spans[i + 2]);
        }
        int left = Math.max(0, minX - radius * 3);
        int cols = Math.min(w, maxX + radius * 3) - left;
        byte[] line = new byte[cols];
        int[] px = new int[cols * rows];
        long base = plane.position();
        for (int y = 0; y < rows; y++) {
            plane.position(base + (long) (top + y) * stride + left).get(line, 0, cols);
            for (int x = 0; x < cols; x++) {
                px[y * cols + x] = line[x] & 0xff;
            }
        }
        int[] tmp = new int[Math.max(cols, rows)];
        for (int pass = 0; pass < 3; pass++) {
            for (int y = 0; y < rows; y++) {
                boxBlur(px, y * cols, 1, cols, radius, tmp);
            }
            for (int x = 0; x < cols; x++) {
                boxBlur(px, x, cols, rows, radius, tmp);
            }
        }
        for (int i = 0; i < spans.length; i += 3) {
            int y = spans[i] - top;
            int from = spans[i + 1] - left;
            for (int x = 0; x < spans[i + 2]; x++) {
                line[x] = (byte) px[y * cols + from + x];
            }
            plane.position(base + (long) spans[i] * stride + spans[i + 1]).put(line, 0, spans[i + 2]);
        }
        plane.position(base);
    }

    /** One box-blur pass over {@code n} values at {@code start + k * step}, edges clamped. */
    private static void boxBlur(int[] px, int start, int step, int n, int radius, int[] tmp) {
        long sum = 0;
        for (int k = -radius; k <= radius; k++) {
            sum += px[start + Math.min(n - 1, Math.max(0, k)) * step];
        }
        int width = 2 * radius + 1;
        for (int k = 0; k < n; k++) {
            tmp[k] = (int) (sum / width);
            int out = Math.max(0, k - radius);
            int in = Math.min(n - 1, k + radius + 1);
            sum += px[start + in * step] - px[start + out * step];
        }
        for (int k = 0; k < n; k++) {
            px[start + k * step] = tmp[k];
        }
    }

    private static void fill(BytePointer plane, int stride, int[] spans, byte value) {
        long base = plane.position();
        for (int i = 0; i < spans.length; i += 3) {
            plane.position(base + (long) spans[i] * stride + spans[i + 1]);
            Pointer.memset(plane, value, spans[i + 2]);
        }
        plane.position(base);
    }

    /** The masked pixels as horizontal runs (row, first column, length), for luma and for half-size chroma. */
    private record MaskRuns(int width, int height, int[] luma, int[] chroma) {
        static MaskRuns of(byte[] keep, int w, int h) {
            java.util.List<Integer> luma = new java.util.ArrayList<>();
            for (int row = 0; row < h; row++) {
                int offset = row * w;
                spans(luma, row, w, col -> keep[offset + col] == 0);
            }
            int cw = (w + 1) / 2;
            int ch = (h + 1) / 2;
            java.util.List<Integer> chroma = new java.util.ArrayList<>();
            for (int row = 0; row < ch; row++) {
                int r = row;
                // a chroma sample covers 2x2 pixels: it is masked when any of them is, so no colour fringe remains
                spans(chroma, row, cw, col -> masked(keep, w, h, 2 * col, 2 * r));
            }
            return new MaskRuns(w, h, luma.stream().mapToInt(Integer::intValue).toArray(),
                    chroma.stream().mapToInt(Integer::intValue).toArray());
        }

        private static boolean masked(byte[] keep, int w, int h, int x, int y) {
            for (int dy = 0; dy < 2 && y + dy < h; dy++) {
                for (int dx = 0; dx < 2 && x + dx < w; dx++) {
                    if (keep[(y + dy) * w + x + dx] == 0) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static void spans(java.util.List<Integer> out, int row, int width,
                                  java.util.function.IntPredicate masked) {
            int col = 0;
            while (col < width) {
                if (!masked.test(col)) {
                    col++;
                    continue;
                }
                int from = col;
                while (col < width && masked.test(col)) {
                    col++;
                }
                out.add(row);
                out.add(from);
                out.add(col - from);
            }
        }
    }

    @Override
    public void close() {
        if (enc != null) {
            avcodec_free_context(enc);
            enc = null;
        }
        if (vaapi != null) {
            vaapi.close();
            vaapi = null;
        }
        if (dec != null) {
            avcodec_free_context(dec);
        }
        if (toPlanar != null) {
            sws_freeContext(toPlanar);
            toPlanar = null;
        }
        if (toEncoder != null) {
            sws_freeContext(toEncoder);
            toEncoder = null;
        }
        av_frame_free(decoded);
        av_frame_free(planar);
        av_frame_free(forEncoder);
        av_packet_free(encoded);
        avcodec_parameters_free(outPar);
    }
}
