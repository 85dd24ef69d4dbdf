package org.doorstep.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.doorstep.sim.SimTestSupport.RawClient;
import org.doorstep.sim.SimTestSupport.Response;
import org.doorstep.sim.VirtualDoorbell.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Serving cost with the scene cached: one client on the main and one on the sub stream (RTP over TCP,
 * read and discarded in-process). Only the server's threads are measured (pacer, RTSP connection and
 * sender threads); the JVM's process CPU (server + clients + JIT/GC) is printed as an upper bound.
 *
 * <p>Run: {@code ./mvnw -Pbench test -Dtest=VirtualDoorbellBench}
 */
@Tag("bench")
class VirtualDoorbellBench {
    private static final long MEASURE_MS = 30_000;

    @Test
    void servingOneMainAndSubPairCostsLittleCpu() throws Exception {
        try (VirtualDoorbell doorbell = new VirtualDoorbell(SimTestSupport.config().withVisitEvery(java.time.Duration.ofSeconds(20)))) {
            doorbell.start();
            AtomicLong received = new AtomicLong();
            Thread main = reader(doorbell, Stream.MAIN, received);
            Thread sub = reader(doorbell, Stream.SUB, received);
            Thread.sleep(3000); // connect, first key frame, JIT warm-up

            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            Map<Long, Long> before = serverThreadCpu(mx);
            long processBefore = os.getProcessCpuTime();
            long bytesBefore = received.get();
            long t0 = System.nanoTime();
            Thread.sleep(MEASURE_MS);
            long wall = System.nanoTime() - t0;
            Map<Long, Long> after = serverThreadCpu(mx);
            long processCpu = os.getProcessCpuTime() - processBefore;
            long bytes = received.get() - bytesBefore;

            long serverCpu = 0;
            for (Map.Entry<Long, Long> e : after.entrySet()) {
                serverCpu += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
            double serverPercent = 100.0 * serverCpu / wall;
            double processPercent = 100.0 * processCpu / wall;
            System.out.printf("VirtualDoorbellBench: serving main 1280x720 + sub 640x360 @15fps to one client each for %.0f s%n",
                    wall / 1e9);
            System.out.printf("  server threads (%d): %.2f %% of one core%n", after.size(), serverPercent);
            System.out.printf("  whole JVM incl. in-process clients, JIT, GC: %.2f %% of one core%n", processPercent);
            System.out.printf("  delivered %.0f kbit/s of RTSP/RTP to the clients (%d visits during the run)%n",
                    bytes * 8.0 / (wall / 1e9) / 1000, doorbell.schedule().size());
            main.interrupt();
            sub.interrupt();
            assertThat(bytes).isPositive();
        }
    }

    /** The same measurement with two real FFmpeg programs (copying to the null muxer) as the clients. */
    @Test
    void servingToFfmpegClients() throws Exception {
        String exe = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        try (VirtualDoorbell doorbell = new VirtualDoorbell(SimTestSupport.config().withVisitEvery(java.time.Duration.ofSeconds(20)))) {
            doorbell.start();
            java.util.List<Process> clients = new java.util.ArrayList<>();
            for (Stream s : Stream.values()) {
                ProcessBuilder pb = new ProcessBuilder(exe, "-v", "error", "-rtsp_transport", "tcp", "-i",
                        doorbell.rtspUri(s).toString(), "-c", "copy", "-f", "null", "-");
                BundledFfmpegProcess.withLibraries(pb, exe);
                pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                clients.add(pb.start());
            }
            try {
                Thread.sleep(4000);
                assertThat(doorbell.rtspServer().playingSessions()).isEqualTo(2);
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                Map<Long, Long> before = serverThreadCpu(mx);
                long t0 = System.nanoTime();
                Thread.sleep(MEASURE_MS);
                long wall = System.nanoTime() - t0;
                long cpu = 0;
                for (Map.Entry<Long, Long> e : serverThreadCpu(mx).entrySet()) {
                    cpu += e.getValue() - before.getOrDefault(e.getKey(), 0L);
                }
                System.out.printf("VirtualDoorbellBench (ffmpeg clients): server threads %.2f %% of one core over %.0f s%n",
                        100.0 * cpu / wall, wall / 1e9);
            } finally {
                clients.forEach(Process::destroy);
            }
        }
    }

    private static Map<Long, Long> serverThreadCpu(ThreadMXBean mx) {
        Map<Long, Long> out = new HashMap<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            if (name.startsWith("rtsp-") || name.startsWith("doorbell-")) {
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    out.put(info.getThreadId(), cpu);
                }
            }
        }
        return out;
    }

    /** A client that sets up RTP over TCP and reads and discards everything. */
    private static Thread reader(VirtualDoorbell d, Stream s, AtomicLong received) {
        Thread t = new Thread(() -> {
            String uri = d.rtspUri(s).toString();
            try (RawClient c = new RawClient(d.rtspPort())) {
                c.socket.setSoTimeout(0);
                Response setup = c.request("SETUP " + uri + "/trackID=0 RTSP/1.0\r\nCSeq: 1\r\n"
                        + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
                String session = setup.header("Session").split(";")[0];
                c.request("PLAY " + uri + " RTSP/1.0\r\nCSeq: 2\r\nSession: " + session + "\r\n\r\n");
                byte[] buf = new byte[65536];
                int n;
                while (!Thread.currentThread().isInterrupted() && (n = c.in.read(buf)) >= 0) {
                    received.addAndGet(n);
                }
            } catch (IOException e) {
                // closed at the end of the run
            }
        }, "bench-client-" + s);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
