package org.doorstep.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.doorstep.sim.VirtualDoorbell.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GStreamer's rtspsrc as a second client implementation; skipped where GStreamer is not installed. */
class GStreamerClientTest {
    private static final Path GST = Path.of("/usr/bin/gst-launch-1.0");

    @ParameterizedTest
    @CsvSource({"tcp,secret,0", "udp,secret,0", "tcp,wrong,1"})
    void rtspsrcDecodesWithTheRightPasswordOnly(String protocol, String password, int expectedExit) throws Exception {
        assumeTrue(Files.isExecutable(GST), "GStreamer is not installed");
        try (VirtualDoorbell doorbell = new VirtualDoorbell(SimTestSupport.config().withCredentials("admin", "secret", false))) {
            doorbell.start();
            List<String> cmd = new ArrayList<>(List.of(GST.toString(), "-q", "rtspsrc",
                    "location=" + doorbell.rtspUri(Stream.MAIN), "user-id=admin", "user-pw=" + password,
                    "protocols=" + protocol, "name=src", "src.", "!", "rtph264depay", "!", "h264parse", "!",
                    "avdec_h264", "!", "fakesink", "num-buffers=30", "sync=false"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assumeTrue(!output.contains("no element"), "GStreamer plugins missing: " + output);
            if (expectedExit == 0) {
                assertThat(p.exitValue()).as(output).isZero();
            } else {
                assertThat(p.exitValue()).isNotZero();
                assertThat(output).contains("Unauthorized");
            }
        }
    }
}
