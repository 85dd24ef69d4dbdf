package org.doorstep.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.doorstep.sim.onvif.AuthMode;
import org.doorstep.sim.onvif.HttpQuirks;
import org.doorstep.sim.onvif.OnvifSimConfig;
import org.doorstep.sim.onvif.SimEvent;
import org.doorstep.sim.onvif.SimProfile;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What embedded camera servers do to the event path: connections closed after every reply without notice
 * (keep-alive ignored), long polls cut short, the first requests after boot unanswered. Rings and motion must still
 * arrive within two seconds each, with Digest authentication on.
 */
class EventPathQuirksTest {

    static List<HttpQuirks> quirks() {
        return List.of(
                HttpQuirks.NONE.withCloseAfterEachReply(),
                HttpQuirks.NONE.withLongPollsCutAfter(Duration.ofMillis(2500)),
                HttpQuirks.NONE.withUnansweredAfterBoot(1),
                HttpQuirks.NONE.withCloseAfterEachReply().withLongPollsCutAfter(Duration.ofSeconds(3))
                        .withUnansweredAfterBoot(1));
    }

    @ParameterizedTest
    @MethodSource("quirks")
    void ringsAndMotionArriveWithinTwoSeconds(HttpQuirks quirks) throws Exception {
        OnvifSimConfig cfg = OnvifSimConfig.demo(0, "admin", "door-secret", Duration.ZERO)
                .withAuthMode(AuthMode.DIGEST_ONLY).withHttpQuirks(quirks);
        try (var cam = new SimulatedOnvifCamera(cfg, SimProfile.defaults(),
                token -> URI.create("rtsp://127.0.0.1:8554/" + token), () -> new byte[] {(byte) 0xff, (byte) 0xd8},
                SimulatedOnvifCamera.NO_DISCOVERY, List.of()).start();
             OnvifHttp http = new OnvifHttp(AddressPolicy.lanOnly())) {
            OnvifClient client = new OnvifClient(http, cam.deviceServiceUri(), "admin", "door-secret".toCharArray(),
                    new AuthMemory(), Clock.systemUTC());
            List<CameraEvent> events = new CopyOnWriteArrayList<>();
            List<OnvifException> errors = new CopyOnWriteArrayList<>();
            try (var ev = new OnvifEventClient(client, events::add, errors::add).start()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty()); // the initial states
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    Thread.sleep(1300 + i * 700L); // lands at different moments of the long poll
                    boolean ring = i % 2 == 0;
                    int before = changes(events);
                    long t0 = System.nanoTime();
                    cam.publish(ring ? SimEvent.visitor(Instant.now(), true) : SimEvent.motion(Instant.now(), true));
                    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                            .until(() -> changes(events) > before);
                    latencies.add((System.nanoTime() - t0) / 1_000_000);
                    cam.publish(ring ? SimEvent.visitor(Instant.now(), false) : SimEvent.motion(Instant.now(), false));
                }
                System.out.println(quirks + ": event latencies ms " + latencies + ", errors " + errors.stream().map(Throwable::getMessage).toList());
            }
        }
    }

    private static int changes(List<CameraEvent> events) {
        return (int) events.stream().filter(e -> !e.initial() && e.state()).count();
    }
}
