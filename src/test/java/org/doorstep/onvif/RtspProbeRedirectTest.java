package org.doorstep.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.doorstep.media.CredentialCatcher;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.junit.jupiter.api.Test;

/** The wizard's stream check (and the brand fallback) refuses a redirecting camera and sends nothing elsewhere. */
class RtspProbeRedirectTest {
    @Test
    void aRedirectIsReportedAsRefusedWithItsSentence() throws Exception {
        CredentialCatcher catcher;
        try {
            catcher = new CredentialCatcher(InetAddress.getByName("127.0.0.2"));
        } catch (IOException e) {
            assumeTrue(false, "no 127.0.0.2 here: " + e);
            return;
        }
        try (catcher; VirtualDoorbell bell = new VirtualDoorbell(DoorbellConfig.defaults(
                Path.of("target", "sim-cache").toAbsolutePath()).withVisitEvery(null)
                .withCredentials("admin", "probe-pw", true))) {
            bell.start();
            bell.rtspServer().redirectDescribeTo("rtsp://" + catcher.host() + ":" + catcher.port() + "/x");
            RtspProbe probe = new RtspProbe(AddressPolicy.lanOnly(), Duration.ofSeconds(5));
            RtspProbe.Described d = probe.describe(bell.rtspUri(VirtualDoorbell.Stream.MAIN), "admin",
                    "probe-pw".toCharArray());
            assertThat(d.plays()).isFalse();
            assertThat(d.failure()).isEqualTo(RtspProbe.Failure.REFUSED);
            assertThat(d.refusal()).contains("does not follow redirects");
            Thread.sleep(300);
            assertThat(catcher.authorizations).isEmpty();
            assertThat(catcher.connections.get()).isZero();

            bell.rtspServer().redirectDescribeTo(null);
            RtspProbe.Described ok = probe.describe(bell.rtspUri(VirtualDoorbell.Stream.SUB), "admin",
                    "probe-pw".toCharArray());
            assertThat(ok.plays()).isTrue();
            assertThat(ok.info().codec()).isEqualTo("H264");
            assertThat(ok.info().width()).isEqualTo(640);
        }
    }
}
