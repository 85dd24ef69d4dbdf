package org.doorstep.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.doorstep.sim.SimTestSupport.RawClient;
import org.doorstep.sim.SimTestSupport.Response;
import org.doorstep.sim.VirtualDoorbell.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real FFmpeg clients (the ffprobe program and the JavaCV grabber) read the virtual doorbell's streams. */
class RtspStreamsTest {
    private static final String USER = "admin";
    private static final String PASSWORD = "s3cret-pass";
    private static VirtualDoorbell doorbell;

    @BeforeAll
    static void start() throws Exception {
        doorbell = new VirtualDoorbell(SimTestSupport.config().withCredentials(USER, PASSWORD, false).withAudio(Audio.PCMU));
        doorbell.start();
    }

    @AfterAll
    static void stop() {
        if (doorbell != null) {
            doorbell.close();
        }
    }

    private static String url(Stream s, String password) {
        return SimTestSupport.withCredentials(doorbell.rtspUri(s), USER, password);
    }

    @ParameterizedTest
    @CsvSource({"MAIN,tcp,1280,720", "SUB,tcp,640,360", "MAIN,udp,1280,720", "SUB,udp,640,360"})
    void ffprobeReadsStream(Stream stream, String transport, int width, int height) throws Exception {
        var r = SimTestSupport.ffprobe("-v", "error", "-rtsp_transport", transport, "-timeout", "5000000",
                "-show_entries", "stream=codec_type,codec_name,width,height,sample_rate", "-of", "default=nw=1",
                url(stream, PASSWORD));

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("codec_name=h264", "width=" + width, "height=" + height,
                "codec_name=pcm_mulaw", "sample_rate=8000");
    }

    @ParameterizedTest
    @CsvSource({"MAIN,tcp,1280,720", "SUB,udp,640,360", "SUB,tcp,640,360", "MAIN,udp,1280,720"})
    void grabberDecodesPictures(Stream stream, String transport, int width, int height) throws Exception {
        assertThat(grabPictures(url(stream, PASSWORD), transport, 20)).isEqualTo(width + "x" + height + " x20");
    }

    /** Grabs {@code n} decoded pictures and reports their size. */
    private static String grabPictures(String url, String transport, int n) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(url)) {
            g.setOption("rtsp_transport", transport);
            g.setOption("timeout", "5000000");
            g.startUnsafe();
            assertThat(g.getVideoCodecName()).isEqualTo("h264");
            int pictures = 0;
            String size = null;
            while (pictures < n) {
                Frame f = g.grabImage();
                assertThat(f).as("picture %d", pictures).isNotNull();
                assertThat(f.image).isNotNull();
                String s = f.imageWidth + "x" + f.imageHeight;
                assertThat(size == null || size.equals(s)).isTrue();
                size = s;
                pictures++;
            }
            g.stop();
            return size + " x" + pictures;
        }
    }

    @Test
    void wrongPasswordGets401FromFfprobe() throws Exception {
        var r = SimTestSupport.ffprobe("-v", "error", "-rtsp_transport", "tcp", url(Stream.SUB, "not-the-password"));

        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr()).contains("401 Unauthorized");
    }

    @Test
    void rawDescribeNeedsDigestCredentials() throws Exception {
        String uri = doorbell.rtspUri(Stream.MAIN).toString();
        try (RawClient c = new RawClient(doorbell.rtspPort())) {
            Response anonymous = c.request("DESCRIBE " + uri + " RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n");
            assertThat(anonymous.status()).isEqualTo(401);
            String challenge = anonymous.header("WWW-Authenticate");
            assertThat(challenge).startsWith("Digest ").contains("realm=\"Doorstep\"", "nonce=\"");

            Response wrong = c.request("DESCRIBE " + uri + " RTSP/1.0\r\nCSeq: 2\r\nAuthorization: "
                    + SimTestSupport.digest(challenge, USER, "wrong", "DESCRIBE", uri) + "\r\n\r\n");
            assertThat(wrong.status()).isEqualTo(401);

            Response basicNotOffered = c.request("DESCRIBE " + uri + " RTSP/1.0\r\nCSeq: 3\r\nAuthorization: Basic "
                    + java.util.Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes()) + "\r\n\r\n");
            assertThat(basicNotOffered.status()).isEqualTo(401);

            Response right = c.request("DESCRIBE " + uri + " RTSP/1.0\r\nCSeq: 4\r\nAuthorization: "
                    + SimTestSupport.digest(challenge, USER, PASSWORD, "DESCRIBE", uri) + "\r\n\r\n");
            assertThat(right.status()).isEqualTo(200);
            assertThat(right.header("CSeq")).isEqualTo("4");
            assertThat(right.header("Content-Type")).isEqualTo("application/sdp");
            assertThat(right.body()).contains("m=video 0 RTP/AVP 96", "packetization-mode=1", "sprop-parameter-sets=",
                    "a=control:trackID=0", "m=audio 0 RTP/AVP 0", "a=control:trackID=1");
        }
    }

    @Test
    void basicAuthWorksWhenConfigured() throws Exception {
        try (VirtualDoorbell basic = new VirtualDoorbell(SimTestSupport.config().withCredentials(USER, PASSWORD, true))) {
            basic.start();
            String uri = basic.rtspUri(Stream.SUB).toString();
            try (RawClient c = new RawClient(basic.rtspPort())) {
                Response challenge = c.request("DESCRIBE " + uri + " RTSP/1.0\r\nCSeq: 1\r\n\r\n");
                assertThat(challenge.status()).isEqualTo(401);
                assertThat(challenge.header("WWW-Authenticate")).contains("Digest realm=").contains("Basic realm=");
                String b64 = java.util.Base64.getEncoder().encodeToString((USER + ":wrong").getBytes());
                assertThat(c.request("DESCRIBE " + uri + " RTSP/1.0\r\nCSeq: 2\r\nAuthorization: Basic " + b64
                        + "\r\n\r\n").status()).isEqualTo(401);
                b64 = java.util.Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes());
                assertThat(c.request("DESCRIBE " + uri + " RTSP/1.0\r\nCSeq: 3\r\nAuthorization: Basic " + b64
                        + "\r\n\r\n").status()).isEqualTo(200);
            }
            var r = SimTestSupport.ffprobe("-v", "error", "-show_entries", "stream=width", "-of", "default=nw=1",
                    SimTestSupport.withCredentials(basic.rtspUri(Stream.SUB), USER, PASSWORD));
            assertThat(r.stdout()).as(r.stderr()).contains("width=640");
        }
    }

    @Test
    void severalClientsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            String[][] clients = {{"MAIN", "tcp"}, {"SUB", "tcp"}, {"MAIN", "udp"}, {"SUB", "udp"}};
            for (String[] c : clients) {
                Callable<String> job = () -> grabPictures(url(Stream.valueOf(c[0]), PASSWORD), c[1], 30);
                results.add(pool.submit(job));
            }
            assertThat(results.get(0).get(60, TimeUnit.SECONDS)).isEqualTo("1280x720 x30");
            assertThat(results.get(1).get(60, TimeUnit.SECONDS)).isEqualTo("640x360 x30");
            assertThat(results.get(2).get(60, TimeUnit.SECONDS)).isEqualTo("1280x720 x30");
            assertThat(results.get(3).get(60, TimeUnit.SECONDS)).isEqualTo("640x360 x30");
        } finally {
            pool.shutdownNow();
        }
    }
}
