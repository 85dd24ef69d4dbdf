package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the loopback relay costs: CPU of the relay's threads while FFmpeg reads the virtual doorbell's main stream
 * (1280x720 15 fps, RTP over TCP) for 30 s, against the reading thread's own CPU. Prints numbers; asserts nothing.
 */
@Tag("bench")
class RtspRelayBench {
    @Test
    void relayCpuPerStream() throws Exception {
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(Duration.ofSeconds(10));
        try (VirtualDoorbell bell = new VirtualDoorbell(cfg)) {
            bell.start();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long readerStart = mx.getCurrentThreadCpuTime();
            long relayBefore = relayCpu(mx);
            long bytes = 0;
            long packets = 0;
            long wallStart = System.nanoTime();
            AVPacket p = av_packet_alloc();
            try (MediaInput in = MediaInput.open(bell.rtspUri(VirtualDoorbell.Stream.MAIN).toString(),
                    InputOptions.live(RtspTransport.TCP, Duration.ofSeconds(10), Duration.ofSeconds(10)), () -> false)) {
                while (System.nanoTime() - wallStart < 30_000_000_000L) {
                    if (in.read(p) < 0) {
                        break;
                    }
                    bytes += p.size();
                    packets++;
                    av_packet_unref(p);
                }
                long relay = relayCpu(mx) - relayBefore;
                double wall = (System.nanoTime() - wallStart) / 1e9;
                long reader = mx.getCurrentThreadCpuTime() - readerStart;
                System.out.printf("relay bench: %d packets, %.1f kbit/s over %.1f s; relay threads %.2f %% of one core,"
                        + " FFmpeg reading thread %.2f %%%n", packets, bytes * 8 / wall / 1000, wall,
                        relay / 1e9 / wall * 100, reader / 1e9 / wall * 100);
            } finally {
                av_packet_free(p);
            }
        }
    }

    private static long relayCpu(ThreadMXBean mx) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("rtsp-relay")) {
                long c = mx.getThreadCpuTime(t.getId());
                sum += Math.max(0, c);
            }
        }
        return sum;
    }
}
