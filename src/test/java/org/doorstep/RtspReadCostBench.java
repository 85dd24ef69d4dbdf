package org.doorstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.doorstep.media.IngestException;
import org.doorstep.media.InputOptions;
import org.doorstep.media.MediaInput;
import org.doorstep.media.MediaInputException;
import org.doorstep.media.RtspTransport;
import org.doorstep.media.StreamInput;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What only <em>reading</em> a camera's main stream costs, three ways at once on the same live streams (the virtual
 * doorbell's 1080p main, 15 fps): FFmpeg's program ({@code ffmpeg -rtsp_transport tcp -i MAIN -c copy -f null -}),
 * FFmpeg's RTSP demuxer in this JVM behind the address-checking relay ({@link MediaInput}, as the recorder read before
 * it had its own reader, and as motion still reads), and Doorstep's own reader ({@link StreamInput}, which the
 * recorder uses): packet by packet, as the recorder reads before muxing.
 *
 * <p>Why: FFmpeg reads RTSP/TCP a few bytes at a time — the '$' byte, the rest of the interleaved header, the packet
 * — each recv after a poll, about six system calls per RTP packet; the own reader takes what the socket holds.
 *
 * <p>{@code ./mvnw -o -q -Pbench test -Dtest=RtspReadCostBench -Dbench.n=4 -Dbench.runs=3}; knobs bench.window (s,
 * default 60), bench.settle (s, 20), bench.bframes. Output in
 * target/surefire-reports/org.doorstep.RtspReadCostBench-output.txt.
 */
@Tag("bench")
class RtspReadCostBench {
    private static final int N = Integer.getInteger("bench.n", 4);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int WINDOW_S = Integer.getInteger("bench.window", 60);
    private static final int SETTLE_S = Integer.getInteger("bench.settle", 20);
    private static final int BFRAMES = Integer.getInteger("bench.bframes", 0);

    @Test
    void readCost() throws Exception {
        DoorbellConfig config = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withSizes(1920, 1080, 640, 360, 15);
        if (BFRAMES > 0) {
            config = config.withBFrames(BFRAMES);
        }
        // one doorbell per way of reading: a doorbell takes 32 connections, and each keeps its own sender threads
        try (VirtualDoorbell forFfmpeg = new VirtualDoorbell(config);
             VirtualDoorbell forRelayed = new VirtualDoorbell(config);
             VirtualDoorbell forOwn = new VirtualDoorbell(config)) {
            forFfmpeg.start();
            forRelayed.start();
            forOwn.start();
            System.out.printf("reading the doorbell's 1920x1080 main (15 fps, B-frames %d) over RTSP/TCP, %d streams "
                    + "each way, window %d s after %d s, %d runs%n", BFRAMES, N, WINDOW_S, SETTLE_S, RUNS);
            List<double[]> results = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                results.add(oneRun(forFfmpeg.rtspUri(VirtualDoorbell.Stream.MAIN),
                        forRelayed.rtspUri(VirtualDoorbell.Stream.MAIN), forOwn.rtspUri(VirtualDoorbell.Stream.MAIN), run));
            }
            double ffmpeg = ProcessProbe.median(results.stream().map(r -> r[0]).toList());
            double relayed = ProcessProbe.median(results.stream().map(r -> r[1]).toList());
            double own = ProcessProbe.median(results.stream().map(r -> r[2]).toList());
            System.out.printf("medians, cpu-s per camera-hour: ffmpeg -c copy -f null %.1f | FFmpeg's demuxer + relay "
                    + "%.1f = %.2fx | own reader %.1f = %.2fx%n", ffmpeg, relayed, relayed / ffmpeg, own, own / ffmpeg);
        }
    }

    /** @return cpu-s per camera-hour: {FFmpeg's program, FFmpeg's demuxer behind the relay, the own reader} */
    private double[] oneRun(URI ffmpegMain, URI relayedMain, URI ownMain, int run) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Process> procs = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<AtomicLong> relayedPackets = new ArrayList<>();
        List<AtomicLong> ownPackets = new ArrayList<>();
        try {
            for (int i = 0; i < N; i++) {
                procs.add(CostSetup.ffmpegRead(ffmpegMain));
                AtomicLong relayed = new AtomicLong();
                relayedPackets.add(relayed);
                threads.add(start("read-relayed-" + i, () -> readWithFfmpegDemuxer(relayedMain, stop, relayed)));
                AtomicLong own = new AtomicLong();
                ownPackets.add(own);
                threads.add(start("read-own-" + i, () -> readWithOwnReader(ownMain, stop, own)));
            }
            Thread.sleep(SETTLE_S * 1000L);
            long self = ProcessHandle.current().pid();
            List<Long> pids = procs.stream().map(Process::pid).toList();
            ProcessProbe.Sample fa = ProcessProbe.sample(pids);
            Map<String, double[]> ta = ProcessProbe.threadCpu(self);
            long relayedBefore = sum(relayedPackets);
            long ownBefore = sum(ownPackets);
            Thread.sleep(WINDOW_S * 1000L);
            ProcessProbe.Sample fb = ProcessProbe.sample(pids);
            Map<String, double[]> tb = ProcessProbe.threadCpu(self);
            long relayed = sum(relayedPackets) - relayedBefore;
            long own = sum(ownPackets) - ownBefore;
            for (Process p : procs) {
                assertThat(p.isAlive()).as("ffmpeg still reading").isTrue();
            }
            double perHour = 3600.0 / WINDOW_S / N;
            double ffmpeg = (fb.cpuSeconds() - fa.cpuSeconds()) * perHour;
            double demuxer = delta(ta, tb, "read-relayed-#") * perHour;
            double relay = delta(ta, tb, "rtsp-relay-conn") * perHour;
            double ownCpu = delta(ta, tb, "read-own-#") * perHour;
            System.out.printf("run %d: ffmpeg %.2f | FFmpeg's demuxer + relay %.2f (demuxer thread %.2f, relay %.2f) | "
                            + "own reader %.2f cpu-s per camera-hour; pictures read %d and %d%n", run + 1, ffmpeg,
                    demuxer + relay, demuxer, relay, ownCpu, relayed, own);
            // both readers kept up with the stream: the same number of pictures, give or take a few
            assertThat((double) own).as("pictures, own reader against FFmpeg's demuxer")
                    .isBetween(relayed * 0.95, relayed * 1.05);
            return new double[] {ffmpeg, demuxer + relay, ownCpu};
        } finally {
            stop.set(true);
            CostSetup.stop(procs);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }

    private static long sum(List<AtomicLong> counters) {
        return counters.stream().mapToLong(AtomicLong::get).sum();
    }

    private static double delta(Map<String, double[]> before, Map<String, double[]> after, String group) {
        return after.getOrDefault(group, new double[2])[0] - before.getOrDefault(group, new double[2])[0];
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** FFmpeg's RTSP demuxer behind the relay, a packet at a time. */
    private static void readWithFfmpegDemuxer(URI main, AtomicBoolean stop, AtomicLong pictures) {
        AVPacket pkt = av_packet_alloc();
        InputOptions options = InputOptions.live(RtspTransport.TCP, Duration.ofSeconds(10), Duration.ofSeconds(10));
        try (MediaInput in = MediaInput.open(main.toString(), options, stop::get)) {
            int video = in.firstStream(AVMEDIA_TYPE_VIDEO);
            while (!stop.get() && in.read(pkt) >= 0) {
                if (pkt.stream_index() == video) {
                    pictures.incrementAndGet();
                }
                av_packet_unref(pkt);
            }
        } catch (MediaInputException e) {
            if (!stop.get()) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        } finally {
            av_packet_free(pkt);
        }
    }

    /** The recorder's reading: {@link StreamInput}, which takes plain RTSP over TCP with Doorstep's own reader. */
    private static void readWithOwnReader(URI main, AtomicBoolean stop, AtomicLong pictures) {
        AVPacket pkt = av_packet_alloc();
        try (StreamInput in = StreamInput.open(main, "tcp", Duration.ofSeconds(10), Duration.ofSeconds(10), stop::get)) {
            assertThat(in.ownReader()).isTrue();
            while (!stop.get()) {
                in.read(pkt);
                if (pkt.stream_index() == in.videoIndex()) {
                    pictures.incrementAndGet();
                }
                av_packet_unref(pkt);
            }
        } catch (IngestException e) {
            if (!stop.get()) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        } finally {
            av_packet_free(pkt);
        }
    }
}
