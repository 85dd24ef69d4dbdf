package org.doorstep.onvif;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.doorstep.sim.onvif.AuthMode;
import org.doorstep.sim.onvif.OnvifSimConfig;
import org.doorstep.sim.onvif.SimProfile;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;
import org.junit.jupiter.api.Test;

/**
 * One camera client used from several threads at once (the event pull and a ring snapshot, in the window): HTTP
 * Digest state (nonce count) is not safe to share, so each thread must keep its own and every call must succeed.
 */
class ConcurrentDigestTest {

    @Test
    void digestCallsFromFourThreadsAtOnceAllSucceed() throws Exception {
        OnvifSimConfig cfg = OnvifSimConfig.demo(0, "admin", "door-secret", Duration.ZERO)
                .withAuthMode(AuthMode.DIGEST_ONLY);
        try (var cam = new SimulatedOnvifCamera(cfg, SimProfile.defaults(),
                token -> URI.create("rtsp://127.0.0.1:8554/" + token), () -> new byte[] {(byte) 0xff, (byte) 0xd8},
                0, List.of()).start();
             OnvifHttp http = new OnvifHttp(AddressPolicy.lanOnly())) {
            OnvifClient client = new OnvifClient(http, cam.deviceServiceUri(), "admin", "door-secret".toCharArray(),
                    new AuthMemory(), Clock.systemUTC());
            client.deviceInformation();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < 40; i++) {
                            client.deviceInformation();
                        }
                    } catch (Exception e) {
                        failures.add(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            go.countDown();
            for (Thread thread : threads) {
                thread.join(60_000);
            }
            assertThat(failures).isEmpty();
        }
    }
}
