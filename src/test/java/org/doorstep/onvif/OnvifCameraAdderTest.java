package org.doorstep.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OnvifCameraAdderTest {

    @Test
    void candidateUrls() {
        assertThat(OnvifCameraAdder.candidateUrls("192.168.1.20:8000")).containsExactly(
                URI.create("http://192.168.1.20:8000/onvif/device_service"));
        assertThat(OnvifCameraAdder.candidateUrls("192.168.1.20")).containsExactly(
                URI.create("http://192.168.1.20/onvif/device_service"),
                URI.create("http://192.168.1.20:8000/onvif/device_service"),
                URI.create("http://192.168.1.20:2020/onvif/device_service"),
                URI.create("http://192.168.1.20:8080/onvif/device_service"));
        assertThat(OnvifCameraAdder.candidateUrls("http://10.0.0.2:2020/onvif/service")).containsExactly(
                URI.create("http://10.0.0.2:2020/onvif/service"));
        assertThat(OnvifCameraAdder.candidateUrls("[fe80::1]:80")).containsExactly(
                URI.create("http://[fe80::1]:80/onvif/device_service"));
        assertThatThrownBy(() -> OnvifCameraAdder.candidateUrls("::bad::host::")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addsADigestCameraAndFillsTheCameraFields() throws Exception {
        try (var cam = new FakeOnvifCamera(); var http = new OnvifHttp(AddressPolicy.lanOnly())) {
            cam.auth = FakeOnvifCamera.Auth.DIGEST;
            cam.skew = Duration.ofSeconds(-30);
            List<String> steps = new CopyOnWriteArrayList<>();
            var adder = new OnvifCameraAdder(http, new AuthMemory(), Clock.systemUTC());
            OnvifCameraSetup s = adder.add("127.0.0.1:" + cam.port(), "admin", "secret".toCharArray(), steps::add, null);
            assertThat(steps).containsExactly("time", "services", "device", "profiles", "streams", "snapshot");
            assertThat(s.clockOffset()).isBetween(Duration.ofSeconds(-32), Duration.ofSeconds(-28));
            assertThat(s.mainUrl().toString()).doesNotContain("admin").doesNotContain("leaked");
            assertThat(s.subUrl().getPath()).isEqualTo("/Streaming/Channels/102");
            assertThat(s.snapshotUrl()).isNotNull();
            assertThat(s.onvifUrl()).isEqualTo(cam.deviceUrl());
        }
    }

    @Test
    void cancellationBetweenSteps() throws Exception {
        try (var cam = new FakeOnvifCamera(); var http = new OnvifHttp(AddressPolicy.lanOnly())) {
            var adder = new OnvifCameraAdder(http, new AuthMemory(), Clock.systemUTC());
            List<String> steps = new CopyOnWriteArrayList<>();
            assertThatThrownBy(() -> adder.add("127.0.0.1:" + cam.port(), null, null, steps::add,
                    () -> steps.contains("device")))
                    .isInstanceOf(java.util.concurrent.CancellationException.class);
            assertThat(cam.calls).doesNotContain("GetProfiles");
        }
    }
}
