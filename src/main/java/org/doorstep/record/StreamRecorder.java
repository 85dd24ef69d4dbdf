package org.doorstep.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.doorstep.common.Messages;
import org.doorstep.media.DecodeException;
import org.doorstep.common.net.AddressCheck;
import org.doorstep.common.net.AddressRefusedException;
import org.doorstep.common.net.PinnedHost;
import org.doorstep.media.IngestException;
import org.doorstep.media.MaskingTranscoder;
import org.doorstep.media.StreamInput;
import org.doorstep.privacy.EncryptingSegmentWriter;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.common.Redact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.KeyframeIndex;
import org.doorstep.store.SegmentFiles;
/**
 * The supervised ingest of one camera stream, on its own thread: connect, copy packets into keyframe-aligned
 * encrypted segments, index each segment as it closes, and on any failure record a gap and reconnect.
 *
 * <p>Reconnect policy: backoff 1 s doubling to 30 s (jittered). A full RTSP attempt costs the camera a session and
 * — with a wrong password — can lock the account, so those follow the backoff strictly. But the issue asks that
 * recording resumes within 5 s once a camera is back, which a 30 s backoff alone cannot give; so while waiting, a
 * cheap TCP connect probe runs every second, and when the camera turns from unreachable to reachable the next
 * attempt starts at once.
 *
 * <p>Timestamps: the camera's pts/dts are carried through unchanged (B-pictures: decode order is not presentation
 * order). The first pictures after a connect may come without pts and/or dts; they are held until the stream's
 * own times can be read off the next picture ({@link StartTimestamps}), because dropping them loses a whole GOP per
 * reconnect and guessing dts = pts breaks reordered streams. Each segment is rebased on its first keyframe's dts;
 * pts and dts are rebased alike, and dts kept strictly increasing only as a last resort for broken cameras.
 *
 * <p>Heap discipline: one AVPacket, one pair of 1 MiB crypto buffers and one keyframe list per stream, all reused;
 * every packet read is unreferenced after use, whether written or dropped.
 */
final class StreamRecorder implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRecorder.class);
    // JavaCPP allocates (and registers a deallocator for) every AVRational made per call; per-packet time math
    // uses these shared constants instead, which keeps the packet loop allocation-light.
    private static final AVRational MILLIS = av_make_q(1, 1000);
    private static final AVRational MICROS = av_make_q(1, 1_000_000);
    private static final AVRational NANOS = av_make_q(1, 1_000_000_000);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STORAGE_RETRY = Duration.ofSeconds(2);

    private final long cameraId;
    private final String cameraName;
    private final String stream;
    private final URI url;
    private final URI safeUrl;
    private final String transport;
    /** Whether the camera's sound goes into the segments (the owner's choice; off unless switched on). */
    private final boolean recordAudio;
    private final int segmentSeconds;
    private final SegmentFiles files;
    private final SegmentKeyStore keys;
    private final SegmentIndex index;
    private final RecordingListener listener;
    private final Clock clock;
    /** Privacy masks burned in before storage; null = the camera's packets are copied untouched. */
    private final PrivacyMasking masking;
    /** Which addresses this camera may reach: the LAN, or anything when its owner explicitly allowed it. */
    private final AddressCheck addresses;
    private final Messages msg = Messages.of("record");
    private final Object sleeper = new Object();
    private final EncryptingSegmentWriter.Buffers buffers = new EncryptingSegmentWriter.Buffers();
    private final KeyframeIndex keyframes = new KeyframeIndex();
    /** This connection's re-encoder when the camera is masked. */
    private MaskingTranscoder transcoder;
    /** What the segments' video track is: the camera's stream, or the re-encoder's output. */
    private AVCodecParameters videoPar;
    private volatile String videoPath = "copy";
    /** The hardware encoder failed on this camera's pictures: later connections use the software encoder. */
    private boolean hardwareEncoderFailed;
    private final StorageGuard guard;
    /** Rows of closed segments the index could not take yet (database closed, disk full); retried at each close. */
    private final java.util.List<SegmentRow> unindexed = new java.util.ArrayList<>();
    /** A gap the index could not take when it began; written (with its true start) once the index is back. */
    private PendingGap pendingGap;
    private AVPacket held;

    private record PendingGap(Instant start, String reason, String detail) {}

    private volatile boolean stop;
    /** An erase asked for the segment being written to be closed now; completed once it is closed and indexed. */
    private volatile java.util.concurrent.CompletableFuture<Void> cutRequest;
    private volatile boolean segmentOpen;
    private volatile StreamInput input;
    private volatile CameraStatus status;

    private long gapId = -1;
    /** A gap just closed at the estimated start of the current segment; corrected when the segment closes. */
    private long gapToRefine = -1;
    private Instant lastData;
    private long segmentCount;
    private long bytesTotal;
    private long storageRetryAt = System.nanoTime();

    // current segment
    private SegmentMuxer muxer;
    private String segFile;
    private Instant segStart;
    private Instant segCameraStart;
    private SegmentKeyStore.SegmentKey segKey;
    private long baseDts;
    private long baseAudioDts;
    private long lastVideoDts;
    private long lastVideoDuration;
    private long lastAudioDts;
    private long frameDuration;
    private boolean recordingAnnounced;
    // recorder-clock mapping of this connection's media time (see noteArrival)
    private long clockOffsetNanos;
    private long clockOffsetUpdated;
    private boolean clockMapped;
    private AVRational clockTb;

    StreamRecorder(long cameraId, String cameraName, String stream, URI url, String transport, int segmentSeconds,
                   SegmentFiles files, SegmentKeyStore keys, SegmentIndex index, RecordingListener listener, Clock clock) {
        this(cameraId, cameraName, stream, url, transport, true, segmentSeconds, files, keys, index, listener, clock,
                (PrivacyMasking) null, AddressCheck.LAN_ONLY, StorageGuard.unlimited());
    }

    StreamRecorder(long cameraId, String cameraName, String stream, URI url, String transport, boolean recordAudio,
                   int segmentSeconds, SegmentFiles files, SegmentKeyStore keys, SegmentIndex index,
                   RecordingListener listener, Clock clock) {
        this(cameraId, cameraName, stream, url, transport, recordAudio, segmentSeconds, files, keys, index, listener,
                clock, (PrivacyMasking) null, (AddressCheck) null, StorageGuard.unlimited());
    }

    StreamRecorder(long cameraId, String cameraName, String stream, URI url, String transport, boolean recordAudio,
                   int segmentSeconds, SegmentFiles files, SegmentKeyStore keys, SegmentIndex index,
                   RecordingListener listener, Clock clock, AddressCheck addresses) {
        this(cameraId, cameraName, stream, url, transport, recordAudio, segmentSeconds, files, keys, index, listener,
                clock, (PrivacyMasking) null, addresses, StorageGuard.unlimited());
    }

    StreamRecorder(long cameraId, String cameraName, String stream, URI url, String transport, boolean recordAudio,
                   int segmentSeconds, SegmentFiles files, SegmentKeyStore keys, SegmentIndex index,
                   RecordingListener listener, Clock clock, PrivacyMasking masking) {
        this(cameraId, cameraName, stream, url, transport, recordAudio, segmentSeconds, files, keys, index, listener,
                clock, masking, (AddressCheck) null, StorageGuard.unlimited());
    }

    StreamRecorder(long cameraId, String cameraName, String stream, URI url, String transport, boolean recordAudio,
                   int segmentSeconds, SegmentFiles files, SegmentKeyStore keys, SegmentIndex index,
                   RecordingListener listener, Clock clock, StorageGuard guard) {
        this(cameraId, cameraName, stream, url, transport, recordAudio, segmentSeconds, files, keys, index, listener,
                clock, (PrivacyMasking) null, (AddressCheck) null, guard);
    }

    StreamRecorder(long cameraId, String cameraName, String stream, URI url, String transport, boolean recordAudio,
                   int segmentSeconds, SegmentFiles files, SegmentKeyStore keys, SegmentIndex index,
                   RecordingListener listener, Clock clock, PrivacyMasking masking, AddressCheck addresses) {
        this(cameraId, cameraName, stream, url, transport, recordAudio, segmentSeconds, files, keys, index, listener,
                clock, masking, addresses, StorageGuard.unlimited());
    }

    StreamRecorder(long cameraId, String cameraName, String stream, URI url, String transport, boolean recordAudio,
                   int segmentSeconds, SegmentFiles files, SegmentKeyStore keys, SegmentIndex index,
                   RecordingListener listener, Clock clock, PrivacyMasking masking, AddressCheck addresses,
                   StorageGuard guard) {
        this.masking = masking;
        this.addresses = addresses == null ? AddressCheck.LAN_ONLY : addresses;
        this.guard = guard;
        this.recordAudio = recordAudio;
        this.cameraId = cameraId;
        this.cameraName = cameraName;
        this.stream = stream;
        this.url = url;
        this.safeUrl = Redact.withoutCredentials(url);
        this.transport = transport;
        this.segmentSeconds = segmentSeconds;
        this.files = files;
        this.keys = keys;
        this.index = index;
        this.listener = listener;
        this.clock = clock;
        this.status = new CameraStatus(cameraId, cameraName, stream, CameraStatus.State.CONNECTING, null,
                msg.get("status.connecting", cameraName), clock.instant(), 0, 0);
    }

    CameraStatus status() {
        return status;
    }

    /** "copy" while packets are copied, else the encoder that burns the privacy masks in. */
    String videoPath() {
        return videoPath;
    }

    /** Asks the recorder to close its segment and end; returns at once. */
    void requestStop() {
        stop = true;
        StreamInput in = input;
        if (in != null) {
            in.interrupt();
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    /**
     * Asks the recorder to close the segment it is writing at the next keyframe and index it (erase needs every
     * second before its moment in the index); completes at once when no segment is open.
     */
    java.util.concurrent.CompletableFuture<Void> requestCut() {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        cutRequest = done;
        if (!segmentOpen || stop) {
            cutRequest = null;
            done.complete(null);
        }
        return done;
    }

    private void completeCut() {
        java.util.concurrent.CompletableFuture<Void> c = cutRequest;
        if (c != null) {
            cutRequest = null;
            c.complete(null);
        }
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff();
        lastData = clock.instant();
        AVPacket pkt = av_packet_alloc();
        try {
            while (!stop) {
                publish(CameraStatus.State.CONNECTING, null, msg.get("status.connecting", cameraName));
                IngestException failure;
                try {
                    StreamInput in = StreamInput.open(url, transport, CONNECT_TIMEOUT, STALL_TIMEOUT, () -> stop,
                            addresses);
                    input = in;
                    try {
                        pump(in, pkt, backoff);
                        failure = new IngestException(IngestException.Reason.STREAM_ENDED, 0, safeUrl + ": ended");
                    } catch (IngestException e) {
                        failure = e;
                    } finally {
                        closeSegment();
                        input = null;
                        in.close();
                    }
                } catch (IngestException e) {
                    failure = e;
                } catch (RuntimeException e) {
                    // a bug or an odd stream must not end recording for good: log it, record the gap, reconnect
                    LOG.error("recorder for camera {} failed unexpectedly; reconnecting", cameraName, e);
                    failure = new IngestException(IngestException.Reason.STREAM_ENDED, 0, safeUrl + ": unexpected failure");
                }
                if (stop) {
                    break;
                }
                onFailure(failure);
                waitBeforeRetry(failure.reason(), backoff.next());
            }
        } catch (RuntimeException | Error e) {
            LOG.error("recorder for camera {} failed", cameraName, e);
            throw e;
        } finally {
            closeSegment();
            try {
                indexPending();
            } catch (SQLException e) {
                LOG.warn("camera {}: {} segment row(s) left for the start-up reconcile: {}", cameraName,
                        unindexed.size(), e.toString());
            }
            av_packet_free(pkt);
            av_packet_free(held);
            if (gapId >= 0 || pendingGap != null) {
                closeGap(clock.instant());
            }
            publish(CameraStatus.State.STOPPED, null, msg.get("status.stopped", cameraName));
        }
    }

    private void pump(StreamInput in, AVPacket pkt, Backoff backoff) throws IngestException {
        AVStream video = in.video();
        AVStream audio = in.audio();
        boolean copyAudio = recordAudio && audio != null && SegmentMuxer.canCopyAudio(audio.codecpar().codec_id());
        AVRational vtb = video.time_base();
        AVRational atb = copyAudio ? audio.time_base() : null;
        AVRational rate = video.avg_frame_rate().num() > 0 ? video.avg_frame_rate() : video.r_frame_rate();
        frameDuration = rate.num() > 0 && rate.den() > 0
                ? Math.max(1, av_rescale_q(1, av_make_q(rate.den(), rate.num()), vtb)) : Math.max(1, vtb.den() / 15 / Math.max(1, vtb.num()));
        long genDts = AV_NOPTS_VALUE;
        clockMapped = false;
        clockTb = vtb;
        recordingAnnounced = false;
        LOG.info("camera {} connected: {}", cameraName, safeUrl);
        videoPar = video.codecpar();
        if (masking != null) {
            startMasking(video, rate);
        }
        try {
            pumpPackets(in, pkt, backoff, video, audio, copyAudio, vtb, atb, genDts);
        } finally {
            stopMasking();
        }
    }

    private void pumpPackets(StreamInput in, AVPacket pkt, Backoff backoff, AVStream video, AVStream audio,
                             boolean copyAudio, AVRational vtb, AVRational atb, long genDts)
            throws IngestException {
        java.util.List<AVPacket> pending = new java.util.ArrayList<>();
        boolean settled = false;
        try {
            while (!stop) {
                in.read(pkt, safeUrl);
                try {
                    lastData = clock.instant();
                    int si = pkt.stream_index();
                    if (si == in.videoIndex()) {
                        if (!settled) {
                            boolean complete = pkt.dts() != AV_NOPTS_VALUE && pkt.pts() != AV_NOPTS_VALUE;
                            if (!complete && pending.size() < StartTimestamps.MAX_HELD) {
                                // the first pictures after a connect come without pts/dts (see StartTimestamps):
                                // keep them until the camera's own times can be read off the next ones
                                AVPacket copy = av_packet_alloc();
                                av_packet_ref(copy, pkt);
                                pending.add(copy);
                                continue;
                            }
                            settled = true;
                            if (complete && !pending.isEmpty()) {
                                fillPending(pending, pkt);
                            }
                            for (AVPacket p : pending) {
                                if (p.dts() == AV_NOPTS_VALUE) {
                                    p.dts(p.pts() != AV_NOPTS_VALUE ? p.pts() : genDts == AV_NOPTS_VALUE ? 0 : genDts + frameDuration);
                                }
                                if (p.pts() == AV_NOPTS_VALUE) {
                                    p.pts(p.dts());
                                }
                                genDts = p.dts();
                                video(p, in, video, copyAudio ? audio : null, vtb, atb, backoff);
                            }
                            freeAll(pending);
                        }
                        // generated timestamps for packets that come without
                        if (pkt.dts() == AV_NOPTS_VALUE) {
                            pkt.dts(pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : genDts == AV_NOPTS_VALUE ? 0 : genDts + frameDuration);
                        }
                        if (pkt.pts() == AV_NOPTS_VALUE) {
                            pkt.pts(pkt.dts());
                        }
                        genDts = pkt.dts();
                        video(pkt, in, video, copyAudio ? audio : null, vtb, atb, backoff);
                    } else if (copyAudio && si == in.audioIndex() && muxer != null && muxer.hasAudio()) {
                        onAudio(pkt);
                    }
                } finally {
                    av_packet_unref(pkt);
                }
            }
        } finally {
            freeAll(pending);
        }
    }

    /** Gives the held first packets the timestamps the camera's stream implies (see StartTimestamps). */
    private void fillPending(java.util.List<AVPacket> pending, AVPacket anchor) {
        int n = pending.size();
        long[] pts = new long[n + 1];
        long[] dts = new long[n + 1];
        for (int i = 0; i < n; i++) {
            AVPacket p = pending.get(i);
            pts[i] = p.pts() == AV_NOPTS_VALUE ? StartTimestamps.NONE : p.pts();
            dts[i] = p.dts() == AV_NOPTS_VALUE ? StartTimestamps.NONE : p.dts();
        }
        pts[n] = anchor.pts();
        dts[n] = anchor.dts();
        StartTimestamps.fill(pts, dts, frameDuration);
        for (int i = 0; i < n; i++) {
            pending.get(i).pts(pts[i]);
            pending.get(i).dts(dts[i]);
        }
    }

    private static void freeAll(java.util.List<AVPacket> packets) {
        for (AVPacket p : packets) {
            av_packet_free(p);
        }
        packets.clear();
    }

    /** A camera video packet: copied, or decoded, masked and encoded again when the camera has privacy masks. */
    private void video(AVPacket pkt, StreamInput in, AVStream video, AVStream audio, AVRational vtb, AVRational atb,
                       Backoff backoff) throws IngestException {
        if (transcoder == null) {
            onVideo(pkt, in, video, audio, vtb, atb, backoff);
            return;
        }
        try {
            transcoder.send(pkt, encoded -> {
                videoPar = transcoder.outputParameters();
                onVideo(encoded, in, video, audio, vtb, atb, backoff);
            });
        } catch (DecodeException e) {
            // never fall back to copying: that would store what the owner asked never to be stored; a hardware
            // encoder that opened for the probe may still refuse this camera's size: software from the next try
            LOG.error("camera {}: privacy masking failed: {}", cameraName, e.getMessage());
            hardwareEncoderFailed |= !org.doorstep.media.H264Encoders.SOFTWARE.equals(transcoder.encoderName());
            throw new IngestException(IngestException.Reason.STREAM_ENDED, 0, safeUrl + ": " + e.getMessage());
        }
    }

    private void startMasking(AVStream video, AVRational rate) throws IngestException {
        String encoder = hardwareEncoderFailed ? org.doorstep.media.H264Encoders.SOFTWARE : masking.encoder().get();
        if (encoder == null) {
            throw new IngestException(IngestException.Reason.STREAM_ENDED, 0,
                    safeUrl + ": no H.264 encoder to burn the privacy masks in");
        }
        try {
            transcoder = new MaskingTranscoder(video.codecpar(), video.time_base(), rate, masking.mask(), encoder);
            videoPath = encoder;
        } catch (DecodeException e) {
            throw new IngestException(IngestException.Reason.STREAM_ENDED, 0, safeUrl + ": " + e.getMessage());
        }
    }

    private void stopMasking() {
        MaskingTranscoder t = transcoder;
        if (t == null) {
            return;
        }
        transcoder = null;
        closeSegment(); // before the re-encoder goes: the segment's row reads its stream parameters
        // the encoder's last pictures are not flushed into the segment: closeSegment follows right after, and the
        // few pictures an encoder holds (none for openh264) are not worth a second code path
        t.close();
    }

    private void onVideo(AVPacket pkt, StreamInput in, AVStream video, AVStream audio, AVRational vtb, AVRational atb,
                         Backoff backoff) {
        boolean key = (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
        Instant now = clock.instant();
        noteArrival(now, pkt.dts(), vtb);
        // read once: asked twice, the retry could come due between the room check and the opening below, and a
        // segment opened on a full disk (DiskFullTest caught it: keyframes every second, retries every 2 s)
        boolean retryDue = System.nanoTime() - storageRetryAt >= 0;
        if (key && (muxer != null || retryDue)) {
            String full = guard.shortOfRoom(files.root());
            if (full != null) {
                closeSegment(); // what was written is whole and indexed; nothing more until space is freed
                diskFull(full);
                return;
            }
        }
        if (muxer != null && key) {
            long mediaMs = av_rescale_q(pkt.dts() - baseDts, vtb, MILLIS);
            boolean dayChanged = !now.atOffset(ZoneOffset.UTC).toLocalDate().equals(segStart.atOffset(ZoneOffset.UTC).toLocalDate());
            if (mediaMs >= segmentSeconds * 1000L - 100 || dayChanged || mediaMs < 0 || cutRequest != null) {
                closeSegment();
            }
        }
        if (muxer == null) {
            if (!key || !retryDue) {
                return;
            }
            if (!openSegment(now, pkt, in, video, audio, vtb, atb)) {
                return;
            }
            if (gapId < 0 && pendingGap != null) {
                try {
                    indexPending();
                } catch (SQLException e) {
                    LOG.warn("camera {}: gap still not indexed: {}", cameraName, e.toString());
                }
            }
            if (gapId >= 0) {
                gapToRefine = gapId;
                closeGap(segStart);
            }
            if (!recordingAnnounced) {
                recordingAnnounced = true;
                backoff.reset();
                publish(CameraStatus.State.RECORDING, null, msg.get("status.recording", cameraName));
            }
        }
        long dts = pkt.dts() - baseDts;
        long pts = pkt.pts() - baseDts;
        if (dts <= lastVideoDts) {
            dts = lastVideoDts + 1;
        }
        if (pts < dts) {
            pts = dts;
        }
        pkt.dts(dts);
        pkt.pts(pts);
        lastVideoDts = dts;
        lastVideoDuration = pkt.duration() > 0 ? pkt.duration() : frameDuration;
        try {
            long offset = muxer.write(pkt, 0);
            if (key) {
                keyframes.add(av_rescale_q(dts, vtb, MILLIS), offset);
            }
        } catch (IOException e) {
            storageFailed(e);
        }
    }

    /**
     * Maps media time to the recorder's clock. Packets buffered while the stream was being analysed arrive in a
     * burst, late; the least-delayed packet gives the best mapping, so the offset (arrival - media time) is the
     * minimum seen — allowed to creep up by 1 ms per second so a camera clock that runs slow (drift) is followed.
     */
    private void noteArrival(Instant now, long dts, AVRational tb) {
        long nowNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long sample = nowNs - av_rescale_q(dts, tb, NANOS);
        if (!clockMapped) {
            clockMapped = true;
            clockOffsetNanos = sample;
        } else {
            long creep = Math.max(0, nowNs - clockOffsetUpdated) / 1000;
            clockOffsetNanos = Math.min(clockOffsetNanos + creep, sample);
        }
        clockOffsetUpdated = nowNs;
    }

    private Instant recorderTime(long originalDts) {
        long ns = clockOffsetNanos + av_rescale_q(originalDts, clockTb, NANOS);
        return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    }

    private void onAudio(AVPacket pkt) {
        if (pkt.dts() == AV_NOPTS_VALUE && pkt.pts() == AV_NOPTS_VALUE) {
            if (lastAudioDts < 0) {
                return;
            }
            // several AAC frames in one RTP packet: only the first has a timestamp
            long dur = pkt.duration() > 0 ? pkt.duration() : 1024;
            pkt.dts(lastAudioDts + dur + baseAudioDts);
            pkt.pts(pkt.dts());
        }
        long dts = (pkt.dts() != AV_NOPTS_VALUE ? pkt.dts() : pkt.pts()) - baseAudioDts;
        long pts = (pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : dts + baseAudioDts) - baseAudioDts;
        if (dts < 0 || dts <= lastAudioDts) {
            return; // audio from before the segment's first keyframe, or a camera clock stepping back: drop it
        }
        pkt.dts(dts);
        pkt.pts(Math.max(pts, dts));
        lastAudioDts = dts;
        try {
            muxer.write(pkt, 1);
        } catch (IOException e) {
            storageFailed(e);
        }
    }

    private boolean openSegment(Instant now, AVPacket pkt, StreamInput in, AVStream video, AVStream audio,
                                AVRational vtb, AVRational atb) {
        String rel = files.relative(cameraId, stream, now);
        Path file = files.resolve(rel);
        try {
            files.checkVolume(); // before createDirectories, which would otherwise rebuild the tree on an empty mount folder
            if (files.takeRecreated()) {
                staleRowsToGaps();
            }
            Files.createDirectories(file.getParent());
            segKey = keys.keyFor(cameraId, now.atOffset(ZoneOffset.UTC).toLocalDate());
            EncryptingSegmentWriter writer = new EncryptingSegmentWriter(file, segKey, buffers);
            try {
                muxer = new SegmentMuxer(writer, videoPar, vtb, audio);
            } catch (IOException | RuntimeException e) {
                writer.abandon();
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (IOException e) {
            storageFailed(e);
            return false;
        }
        segFile = rel;
        segStart = now;
        segmentOpen = true;
        baseDts = pkt.dts();
        baseAudioDts = audio == null ? 0 : av_rescale_q(baseDts, vtb, atb);
        lastVideoDts = -1;
        lastAudioDts = -1;
        keyframes.clear();
        Long camMicros = in.cameraStartMicros();
        if (camMicros != null) {
            // FFmpeg's RTSP timestamps count from the RTCP sender report that start_time_realtime comes from
            long offsetUs = av_rescale_q(pkt.pts(), vtb, MICROS);
            segCameraStart = Instant.EPOCH.plusNanos((camMicros + offsetUs) * 1000);
        } else {
            segCameraStart = null;
        }
        return true;
    }

    /** Finishes the current segment (trailer + final chunk) and indexes it. */
    private void closeSegment() {
        SegmentMuxer m = muxer;
        if (m == null) {
            completeCut();
            return;
        }
        muxer = null;
        segmentOpen = false;
        try {
            closeAndIndex(m);
        } finally {
            completeCut();
        }
    }

    private void closeAndIndex(SegmentMuxer m) {
        Path file = files.resolve(segFile);
        try {
            m.close();
        } catch (IOException e) {
            storageFailed(e);
            return;
        }
        AVRational vtb = input == null ? null : input.video().time_base();
        long durMs = vtb == null ? 0 : av_rescale_q(lastVideoDts + lastVideoDuration, vtb, MILLIS);
        try {
            StreamInput in = input;
            AVStream a = m.hasAudio() ? in.audio() : null;
            Instant start = clockMapped ? recorderTime(baseDts) : segStart;
            SegmentRow row = new SegmentRow(0, cameraId, stream, start, start.plusMillis(Math.max(durMs, 1)),
                    segCameraStart, segCameraStart == null ? null : Duration.between(start, segCameraStart).toMillis(),
                    sizeOf(file, m), MediaFormats.name(videoPar.codec_id()),
                    a == null ? null : MediaFormats.name(a.codecpar().codec_id()),
                    videoPar.width(), videoPar.height(), keyframes.pack(), segKey.id(), segFile);
            unindexed.add(row); // queued first: the file is whole, so its row is written now or at a later close
            indexPending();
            if (gapToRefine >= 0) {
                index.closeGap(gapToRefine, start);
                gapToRefine = -1;
            }
        } catch (IOException | SQLException | RuntimeException e) {
            // the file is complete; start-up reconcile indexes it if the row could not be written now
            LOG.warn("camera {}: segment could not be indexed now: {}", cameraName, e.toString());
        }
    }

    /** The recordings folder was deleted and made again: the rows of the files that went become a gap. */
    private void staleRowsToGaps() {
        try {
            int n = new Reconciler(index, files, keys, clock).missingFilesToGaps(new java.util.HashSet<>());
            LOG.warn("camera {}: the recordings folder {} had been deleted; created again, {} missing segment(s) "
                    + "marked as a gap", cameraName, files.root(), n);
        } catch (SQLException e) {
            LOG.warn("camera {}: rows of deleted segments not reconciled yet: {}", cameraName, e.toString());
        }
    }

    /** Writes the rows and the gap the index could not take before; leaves them queued while it still cannot. */
    private void indexPending() throws SQLException {
        if (pendingGap != null && gapId < 0) {
            PendingGap g = pendingGap;
            gapId = index.openGap(cameraId, stream, g.start(), g.reason(), g.detail());
            pendingGap = null;
        }
        while (!unindexed.isEmpty()) {
            SegmentRow r = unindexed.get(0);
            if (index.byFile(r.file()).isEmpty()) {
                r = index.insert(r);
                segmentCount++;
                bytesTotal += r.bytes();
                listener.onSegment(r);
            }
            unindexed.remove(0);
        }
    }

    /** Segment rows waiting for the index (for tests and status). */
    int unindexedRows() {
        return unindexed.size();
    }

    /**
     * The closed file's size. The file was completely written, but its folder may have vanished just now (drive
     * unplugged after the last write, folder moved): it is still indexed, since the footage is whole on that volume.
     */
    private static long sizeOf(Path file, SegmentMuxer m) throws IOException {
        try {
            return Files.size(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return m.fileBytes();
        }
    }

    private void storageFailed(IOException e) {
        SegmentMuxer m = muxer;
        muxer = null;
        segmentOpen = false;
        if (m != null) {
            m.abandon();
        }
        completeCut();
        storageRetryAt = System.nanoTime() + STORAGE_RETRY.toNanos();
        if (status.state() != CameraStatus.State.STORAGE_UNAVAILABLE) {
            LOG.error("camera {}: cannot write recordings under {}: {}", cameraName, files.root(), e.toString());
            publish(CameraStatus.State.STORAGE_UNAVAILABLE, "storage-unavailable",
                    msg.get("status.storageUnavailable", cameraName, files.root()));
            recordingAnnounced = false;
            openGap(clock.instant(), "storage-unavailable", e.getMessage());
        }
    }

    /**
     * Free space fell below the database's headroom: stop writing (the segment was closed and indexed), say so once,
     * record a "disk-full" gap, and look again every 2 s while retention frees the reserve.
     */
    private void diskFull(String detail) {
        storageRetryAt = System.nanoTime() + STORAGE_RETRY.toNanos();
        if (status.state() != CameraStatus.State.STORAGE_UNAVAILABLE) {
            LOG.error("camera {}: not recording, the disk of {} is full ({})", cameraName, files.root(), detail);
            publish(CameraStatus.State.STORAGE_UNAVAILABLE, "disk-full",
                    Messages.of("storage").get("status.diskFull", cameraName, files.root()));
            recordingAnnounced = false;
            openGap(clock.instant(), "disk-full", detail);
        }
    }

    private void onFailure(IngestException e) {
        LOG.warn("camera {}: {} ({})", cameraName, e.getMessage(), e.reason().code());
        String key = switch (e.reason()) {
            case AUTH_FAILED -> "status.authFailed";
            case UNREACHABLE -> "status.unreachable";
            default -> "status.streamEnded";
        };
        // a refused address is not a camera outage: say why, in the sentence MediaInput/StreamInput made for it
        String sentence = e.reason() == IngestException.Reason.NOT_ALLOWED
                ? Messages.of("net").get("net.recorder.refused", cameraName, e.getMessage())
                : msg.get(key, cameraName);
        publish(CameraStatus.State.RECONNECTING, e.reason().code(), sentence);
        openGap(lastData, e.reason().code(), e.getMessage());
    }

    private void openGap(Instant start, String reason, String detail) {
        if (gapId >= 0) {
            return;
        }
        if (pendingGap != null) {
            return;
        }
        try {
            gapId = index.openGap(cameraId, stream, start, reason, detail);
        } catch (SQLException ex) {
            // kept and written when the index takes rows again, so the gap is never lost
            pendingGap = new PendingGap(start, reason, detail);
            LOG.warn("camera {}: gap not indexed yet: {}", cameraName, ex.toString());
        }
    }

    private void closeGap(Instant end) {
        if (gapId < 0 && pendingGap != null) {
            try {
                indexPending();
            } catch (SQLException ex) {
                LOG.warn("camera {}: gap still not indexed: {}", cameraName, ex.toString());
                return;
            }
        }
        try {
            index.closeGap(gapId, end);
        } catch (SQLException ex) {
            LOG.warn("camera {}: gap end not indexed: {}", cameraName, ex.toString());
        }
        gapId = -1;
    }

    private void waitBeforeRetry(IngestException.Reason reason, Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        boolean sawDown = reason == IngestException.Reason.UNREACHABLE;
        while (!stop) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            synchronized (sleeper) {
                try {
                    sleeper.wait(Math.max(1, Math.min(1000, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop = true;
                    return;
                }
            }
            if (reason == IngestException.Reason.AUTH_FAILED || reason == IngestException.Reason.NOT_ALLOWED
                    || stop) {
                continue;
            }
            boolean up = probe();
            if (up && sawDown) {
                return; // the camera is back: try now rather than at the end of the backoff
            }
            sawDown |= !up;
        }
    }

    /** A TCP connect to the camera's port, to the address the policy allows: is anything listening? */
    private boolean probe() {
        if (url.getHost() == null || !StreamInput.isStreamScheme(url)) {
            return false;
        }
        InetAddress address;
        try {
            address = PinnedHost.resolve(url, addresses).address();
        } catch (AddressRefusedException | IOException e) {
            return false; // nothing outside the policy is contacted, not even to see whether it is up
        }
        int port = url.getPort() > 0 ? url.getPort() : "rtsps".equalsIgnoreCase(url.getScheme()) ? 322 : 554;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 800);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void publish(CameraStatus.State state, String reason, String message) {
        CameraStatus s = new CameraStatus(cameraId, cameraName, stream, state, reason, message,
                clock.instant(), segmentCount, bytesTotal);
        status = s;
        try {
            listener.onStatus(s);
        } catch (RuntimeException e) {
            LOG.warn("status listener failed: {}", e.toString());
        }
    }
}
