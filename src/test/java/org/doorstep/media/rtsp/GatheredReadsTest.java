package org.doorstep.media.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link RtspClient#gatherReads}: a reader that may be a little behind the camera takes several frames a read, loses
 * none, is never held back by its own buffer, and still stops when told. Against a scripted camera on loopback that
 * answers the handshake and then sends interleaved frames as each test says.
 */
class GatheredReadsTest {
    private static final Duration OPEN = Duration.ofSeconds(5);
    private static final Duration STALL = Duration.ofSeconds(5);
    private static final Duration GATHER = Duration.ofMillis(250);

    /** What the scripted camera sends after PLAY. */
    private interface Script {
        void send(OutputStream out) throws IOException, InterruptedException;
    }

    @Test
    void aTricklingStreamIsReadAFewTimesASecondWithEveryFrameInOrder() throws Exception {
        // 100 frames, one every 20 ms: read as they come, that is a read (a wake-up) per frame
        try (ScriptedCamera cam = new ScriptedCamera(out -> {
            for (int i = 0; i < 100; i++) {
                out.write(frame(0, 1000, i));
                out.flush();
                Thread.sleep(20);
            }
        }); RtspClient client = cam.playingClient(() -> false)) {
            client.gatherReads(GATHER);
            long readsBefore = client.socketReads();
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                client.readFrame((channel, buf, off, len) -> {
                    assertThat(channel).isEqualTo(0);
                    assertThat(len).isEqualTo(1000);
                    seen.add(buf[off] & 0xff);
                }, STALL);
            }
            assertThat(seen).as("every frame, in order").containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 100).boxed().toList());
            // about 2 s of frames, a read per quarter second: 8 to 10; a read per frame would be 100
            assertThat(client.socketReads() - readsBefore).isBetween(3L, 20L);
        }
    }

    @Test
    void aStreamFasterThanTheBufferIsReadAtOnceNotHeldBack() throws Exception {
        // 4 MB at once: 32 reads of the client's 128 KiB buffer, each followed by a quarter second's wait
        // would take 8 s; a full read is followed by the next at once
        int frames = 64;
        try (ScriptedCamera cam = new ScriptedCamera(out -> {
            for (int i = 0; i < frames; i++) {
                out.write(frame(0, 65_000, i));
            }
            out.flush();
        }); RtspClient client = cam.playingClient(() -> false)) {
            client.gatherReads(GATHER);
            long start = System.nanoTime();
            int[] count = new int[1];
            for (int i = 0; i < frames; i++) {
                client.readFrame((channel, buf, off, len) -> {
                    assertThat(buf[off] & 0xff).isEqualTo(count[0]++ & 0xff);
                }, STALL);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(count[0]).isEqualTo(frames);
            assertThat(millis).as("4 MB read without waiting between full reads").isLessThan(4000);
        }
    }

    @Test
    void aStopEndsTheWaitBetweenReads() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (ScriptedCamera cam = new ScriptedCamera(out -> {
            for (int i = 0; i < 500; i++) {
                out.write(frame(0, 100, i));
                out.flush();
                Thread.sleep(10);
            }
        }); RtspClient client = cam.playingClient(stop::get)) {
            client.gatherReads(Duration.ofMillis(400));
            client.readFrame((channel, buf, off, len) -> { }, STALL);
            stop.set(true);
            long start = System.nanoTime();
            assertThatThrownBy(() -> {
                while (true) {
                    client.readFrame((channel, buf, off, len) -> { }, STALL);
                }
            }).isInstanceOfSatisfying(RtspException.class,
                    e -> assertThat(e.kind()).isEqualTo(RtspException.Kind.STOPPED));
            assertThat((System.nanoTime() - start) / 1_000_000).as("stopped within a wait").isLessThan(2000);
        }
    }

    private static byte[] frame(int channel, int length, int mark) {
        byte[] f = new byte[4 + length];
        f[0] = '$';
        f[1] = (byte) channel;
        f[2] = (byte) (length >> 8);
        f[3] = (byte) length;
        f[4] = (byte) mark;
        return f;
    }

    /** Answers OPTIONS, DESCRIBE, SETUP and PLAY of one client, then runs its script; anything else is ignored. */
    private static final class ScriptedCamera implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;

        ScriptedCamera(Script script) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(script), "scripted-camera");
            thread.setDaemon(true);
            thread.start();
        }

        RtspClient playingClient(java.util.function.BooleanSupplier stop) throws RtspException {
            String url = "rtsp://127.0.0.1:" + server.getLocalPort() + "/cam";
            RtspClient client = RtspClient.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    server.getLocalPort()), url, "the scripted camera", null, "", OPEN, stop);
            Sdp sdp = client.describe(OPEN);
            client.setup(sdp.video(), 0, OPEN);
            client.play(sdp, OPEN);
            return client;
        }

        private void serve(Script script) {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                OutputStream out = s.getOutputStream();
                String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=cam\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n"
                        + "a=rtpmap:96 H264/90000\r\na=control:track1\r\n";
                while (true) {
                    String first = in.readLine();
                    if (first == null) {
                        return;
                    }
                    String cseq = "0";
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        if (line.toLowerCase().startsWith("cseq:")) {
                            cseq = line.substring(5).trim();
                        }
                    }
                    String method = first.split(" ")[0];
                    StringBuilder reply = new StringBuilder("RTSP/1.0 200 OK\r\nCSeq: ").append(cseq).append("\r\n");
                    switch (method) {
                        case "OPTIONS" -> reply.append("Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n");
                        case "DESCRIBE" -> reply.append("Content-Type: application/sdp\r\nContent-Length: ")
                                .append(sdp.length()).append("\r\n\r\n").append(sdp);
                        case "SETUP" -> reply.append("Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n")
                                .append("Session: 4711;timeout=60\r\n\r\n");
                        default -> reply.append("Session: 4711\r\n\r\n");
                    }
                    out.write(reply.toString().getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (method.equals("PLAY")) {
                        script.send(out);
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            server.close();
            thread.join(5000);
        }
    }
}
