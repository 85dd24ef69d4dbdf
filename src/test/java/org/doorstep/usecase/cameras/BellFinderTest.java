package org.doorstep.usecase.cameras;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.sim.onvif.AuthMode;
import org.doorstep.sim.onvif.OnvifSimConfig;
import org.doorstep.sim.onvif.SimEvent;
import org.doorstep.sim.onvif.SimProfile;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;
import org.junit.jupiter.api.Test;

/** "Press the bell now" against the virtual doorbell: the topic that went on and off is named; motion is not. */
class BellFinderTest {

    @Test
    void namesTheDigitalInputTheButtonIsWiredTo() throws Exception {
        assertThat(pressOn(SimEvent::digitalInput)).contains(
                new BellFinder.Press("tns1:Device/Trigger/DigitalInput", false));
    }

    @Test
    void aVisitorTopicIsAlreadyARing() throws Exception {
        assertThat(pressOn(SimEvent::visitor)).contains(
                new BellFinder.Press("tns1:RuleEngine/MyRuleDetector/Visitor", true));
    }

    private Optional<BellFinder.Press> pressOn(java.util.function.BiFunction<Instant, Boolean, SimEvent> button)
            throws Exception {
        OnvifSimConfig cfg = OnvifSimConfig.demo(0, "admin", "door-secret", Duration.ZERO)
                .withAuthMode(AuthMode.DIGEST_ONLY);
        try (var cam = new SimulatedOnvifCamera(cfg, SimProfile.defaults(),
                token -> URI.create("rtsp://127.0.0.1:8554/" + token), () -> new byte[] {(byte) 0xff, (byte) 0xd8},
                SimulatedOnvifCamera.NO_DISCOVERY, List.of()).start()) {
            List<String> heard = new CopyOnWriteArrayList<>();
            CompletableFuture<Optional<BellFinder.Press>> press = CompletableFuture.supplyAsync(() ->
                    new BellFinder(AddressPolicy.lanOnly(), Clock.systemUTC()).listen(cam.deviceServiceUri(), "admin",
                            "door-secret".toCharArray(), Duration.ofSeconds(20), () -> false, heard::add));
            while (cam.server().subscriptionCount() == 0) {
                Thread.sleep(50);
            }
            Thread.sleep(800);
            cam.publish(SimEvent.motion(Instant.now(), true)); // someone walks up: not a button
            cam.publish(SimEvent.motion(Instant.now(), false));
            cam.publish(button.apply(Instant.now(), true));
            Thread.sleep(300);
            cam.publish(button.apply(Instant.now(), false));
            Optional<BellFinder.Press> found = press.get();
            assertThat(heard).doesNotContain("tns1:RuleEngine/CellMotionDetector/Motion");
            return found;
        }
    }
}
