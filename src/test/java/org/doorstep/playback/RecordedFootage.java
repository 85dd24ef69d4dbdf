package org.doorstep.playback;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avformat.avio_tell;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;
import org.doorstep.media.TestClipEncoder;
import org.doorstep.privacy.EncryptingSegmentWriter;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.DataDir;
import org.doorstep.store.Database;
import org.doorstep.store.EventRepository;
import org.doorstep.store.KeyframeIndex;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;

/**
 * Real recorded footage for playback tests: H.264 from the test clip encoder, remuxed into the recorder's fragmented
 * MP4 (a fragment per keyframe), encrypted chunk by chunk with the recorder's writer, indexed with keyframe offsets
 * as the recorder indexes them. Every frame carries its number as 16 black/white blocks across the top, so a test
 * can read which frame it got.
 */
public final class RecordedFootage implements AutoCloseable {
    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    static final int BITS = 16;

    final DataDir dataDir;
    final Database db;
    final CameraRepository cameras;
    final SegmentIndex index;
    final SegmentFiles files;
    final SegmentKeyStore keys;
    final EventRepository events;
    private final Path work;

    private final boolean ownsDatabase;

    RecordedFootage(Path dir) throws IOException {
        this(new DataDir(dir.resolve("data")), null, dir.resolve("work"));
    }

    /** Footage in an open app's data folder (its database), for window tests. */
    public RecordedFootage(org.doorstep.App app, Path work) throws IOException {
        this(app.dataDir(), app.database(), work);
    }

    private RecordedFootage(DataDir dataDir, Database open, Path work) throws IOException {
        this.dataDir = dataDir;
        dataDir.create();
        ownsDatabase = open == null;
        db = open != null ? open : Database.open(dataDir);
        cameras = new CameraRepository(db);
        index = new SegmentIndex(db);
        files = new SegmentFiles(dataDir);
        keys = new SegmentKeyStore(dataDir.keys());
        events = new EventRepository(db);
        this.work = work;
        Files.createDirectories(work);
    }

    PlaybackService service() {
        return new PlaybackService(index, files, keys, events);
    }

    public long camera(String name) throws Exception {
        return cameras.insert(Camera.newCamera(name, URI.create("rtsp://127.0.0.1:1/" + name.hashCode()), null, null,
                null)).id();
    }

    /** A clip whose frames are numbered from {@code firstFrame}; returns the plain (fragmented) MP4 and its keyframes. */
    public Clip encode(int firstFrame, int frames, int fps, double gopSeconds) throws Exception {
        return encode(WIDTH, HEIGHT, firstFrame, frames, fps, gopSeconds);
    }

    /**
     * A clip with AAC sound (a 440 Hz tone, 16 kHz mono) beside the numbered pictures, as a doorbell records it.
     */
    public Clip encodeWithSound(int firstFrame, int frames, int fps, double gopSeconds) throws Exception {
        String name = "sound-" + firstFrame + "-" + frames + "-" + fps;
        Path mp4 = work.resolve("clip-" + name + ".mp4");
        int rate = 16000;
        try (org.bytedeco.javacv.FFmpegFrameRecorder r = new org.bytedeco.javacv.FFmpegFrameRecorder(mp4.toFile(),
                WIDTH, HEIGHT, 1)) {
            r.setFormat("mp4");
            r.setVideoCodecName(TestClipEncoder.h264EncoderName());
            r.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(fps);
            r.setGopSize((int) Math.round(gopSeconds * fps));
            r.setVideoBitrate(400_000);
            r.setVideoOption("allow_skip_frames", "0");
            r.setAudioCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC);
            r.setSampleRate(rate);
            r.setAudioChannels(1);
            r.setAudioBitrate(32_000);
            r.start();
            byte[] grey = new byte[WIDTH * HEIGHT];
            ByteBuffer pic = ByteBuffer.allocateDirect(WIDTH * HEIGHT * 3 / 2);
            int perFrame = rate / fps;
            long sample = 0;
            for (int i = 0; i < frames; i++) {
                paint(firstFrame + i, grey);
                pic.clear();
                pic.put(grey);
                while (pic.hasRemaining()) {
                    pic.put((byte) 128);
                }
                pic.flip();
                org.bytedeco.javacv.Frame f = new org.bytedeco.javacv.Frame(WIDTH, HEIGHT,
                        org.bytedeco.javacv.Frame.DEPTH_UBYTE, 1, WIDTH);
                f.image[0] = pic;
                r.setTimestamp(i * 1_000_000L / fps);
                r.recordImage(WIDTH, HEIGHT, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 1, WIDTH,
                        org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P, pic);
                java.nio.ShortBuffer tone = java.nio.ShortBuffer.allocate(perFrame);
                for (int k = 0; k < perFrame; k++, sample++) {
                    tone.put((short) (8000 * Math.sin(2 * Math.PI * 440 * sample / rate)));
                }
                tone.flip();
                r.recordSamples(rate, 1, tone);
            }
            r.stop();
        }
        Path frag = work.resolve("frag-" + name + ".mp4");
        KeyframeIndex kf = fragment(mp4, frag);
        return new Clip(Files.readAllBytes(frag), kf, Math.round(frames * 1000.0 / fps));
    }

    /** At another size (benchmarks); frames are numbered the same way in their top-left corner. */
    public Clip encode(int width, int height, int firstFrame, int frames, int fps, double gopSeconds)
            throws Exception {
        String name = firstFrame + "-" + frames + "-" + fps + "-" + width + "x" + height;
        Path mp4 = work.resolve("clip-" + name + ".mp4");
        byte[] small = new byte[WIDTH * HEIGHT];
        TestClipEncoder.write(mp4, width, height, fps, frames, gopSeconds, (i, grey) -> {
            paint(firstFrame + i, small);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    grey[y * width + x] = small[(y % HEIGHT) * WIDTH + (x % WIDTH)];
                }
            }
        }, null, null);
        Path frag = work.resolve("frag-" + name + ".mp4");
        KeyframeIndex kf = fragment(mp4, frag);
        return new Clip(Files.readAllBytes(frag), kf, Math.round(frames * 1000.0 / fps));
    }

    public record Clip(byte[] mp4, KeyframeIndex keyframes, long durationMs) {
        List<KeyframeIndex.Keyframe> list() {
            return KeyframeIndex.unpack(keyframes.pack());
        }
    }

    /** Encrypts {@code clip} as a segment of {@code cameraId} starting at {@code start} and indexes it. */
    public SegmentRow store(long cameraId, Instant start, Clip clip) throws Exception {
        String relative = files.relative(cameraId, "main", start);
        Path file = files.resolve(relative);
        Files.createDirectories(file.getParent());
        SegmentKeyStore.SegmentKey key = keys.keyFor(cameraId, start.atOffset(ZoneOffset.UTC).toLocalDate());
        List<KeyframeIndex.Keyframe> kfs = clip.list();
        try (EncryptingSegmentWriter w = new EncryptingSegmentWriter(file, key, new EncryptingSegmentWriter.Buffers())) {
            long pos = 0;
            List<Long> cuts = new ArrayList<>();
            for (KeyframeIndex.Keyframe k : kfs) {
                cuts.add(k.offset());
            }
            cuts.add((long) clip.mp4().length);
            for (long cut : cuts) {
                if (cut > pos) {
                    w.write(clip.mp4(), (int) pos, (int) (cut - pos));
                    w.seal(); // one chunk per fragment, as the recorder seals after each flush
                    pos = cut;
                }
            }
        }
        return index.insert(new SegmentRow(0, cameraId, "main", start, start.plusMillis(clip.durationMs()), null, null,
                Files.size(file), "h264", null, WIDTH, HEIGHT, clip.keyframes().pack(), key.id(), relative));
    }

    /** Overwrites some bytes in the middle of the encrypted file's chunk that holds plaintext near {@code offset}. */
    void damage(SegmentRow seg, long fileOffset) throws IOException {
        try (FileChannel ch = FileChannel.open(files.resolve(seg.file()), StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(16);
            ch.read(b, fileOffset);
            byte[] bytes = b.array();
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) ~bytes[i];
            }
            ch.write(ByteBuffer.wrap(bytes), fileOffset);
        }
    }

    static void paint(int number, byte[] grey) {
        for (int i = 0; i < grey.length; i++) {
            int x = i % WIDTH;
            int y = i / WIDTH;
            grey[i] = (byte) (64 + ((x + y + number) % 64));
        }
        for (int bit = 0; bit < BITS; bit++) {
            byte v = (byte) (((number >> bit) & 1) == 1 ? 235 : 16);
            for (int y = 4; y < 20; y++) {
                for (int x = 0; x < 16; x++) {
                    grey[y * WIDTH + bit * 20 + 2 + x] = v;
                }
            }
        }
    }

    /** The number painted into a decoded frame (luma plane). */
    static int numberOf(AVFrame frame) {
        int stride = frame.linesize(0);
        org.bytedeco.javacpp.BytePointer y = frame.data(0);
        int n = 0;
        for (int bit = 0; bit < BITS; bit++) {
            int v = y.get((long) 12 * stride + bit * 20 + 10) & 0xff;
            if (v > 128) {
                n |= 1 << bit;
            }
        }
        return n;
    }

    /** Remuxes into the recorder's fragmented MP4, noting each keyframe's fragment offset as the recorder does. */
    private static KeyframeIndex fragment(Path in, Path out) throws IOException {
        AVFormatContext ic = new AVFormatContext(null);
        if (avformat_open_input(ic, in.toString(), null, null) < 0) {
            throw new IOException("cannot open " + in);
        }
        avformat_find_stream_info(ic, (PointerPointer<?>) null);
        int videoIndex = -1;
        int count = ic.nb_streams();
        AVStream[] outs = new AVStream[count];
        AVFormatContext oc = new AVFormatContext(null);
        avformat_alloc_output_context2(oc, null, "mp4", out.toString());
        for (int i = 0; i < count; i++) {
            AVStream st = ic.streams(i);
            if (st.codecpar().codec_type() == org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO && videoIndex < 0) {
                videoIndex = i;
            }
            outs[i] = avformat_new_stream(oc, null);
            avcodec_parameters_copy(outs[i].codecpar(), st.codecpar());
            outs[i].codecpar().codec_tag(0);
            outs[i].time_base(st.time_base());
        }
        AVIOContext pb = new AVIOContext(null);
        avio_open(pb, out.toString(), AVIO_FLAG_WRITE);
        oc.pb(pb);
        AVDictionary opts = new AVDictionary(null);
        av_dict_set(opts, "movflags", "frag_keyframe+empty_moov+default_base_moof", 0);
        av_dict_set(opts, "frag_duration", "1000000", 0);
        if (avformat_write_header(oc, opts) < 0) {
            throw new IOException("cannot write the fragmented MP4");
        }
        av_dict_free(opts);
        avio_flush(oc.pb());
        AVPacket pkt = av_packet_alloc();
        KeyframeIndex kf = new KeyframeIndex();
        while (av_read_frame(ic, pkt) >= 0) {
            int si = pkt.stream_index();
            boolean video = si == videoIndex;
            long ms = av_rescale_q(pkt.dts(), ic.streams(si).time_base(), av_make_q(1, 1000));
            boolean key = video && (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
            av_packet_rescale_ts(pkt, ic.streams(si).time_base(), outs[si].time_base());
            pkt.pos(-1);
            av_write_frame(oc, pkt);
            avio_flush(oc.pb());
            if (key) {
                kf.add(ms, avio_tell(oc.pb()));
            }
            av_packet_unref(pkt);
        }
        av_write_trailer(oc);
        avio_closep(oc.pb());
        avformat_free_context(oc);
        avformat_close_input(ic);
        av_packet_free(pkt);
        return kf;
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            db.close();
        }
    }
}
