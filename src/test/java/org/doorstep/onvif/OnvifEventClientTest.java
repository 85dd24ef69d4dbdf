package org.doorstep.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OnvifEventClientTest {
    final OnvifHttp http = new OnvifHttp(AddressPolicy.lanOnly());
    final List<CameraEvent> events = new CopyOnWriteArrayList<>();
    final List<OnvifException> errors = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeHttp() {
        http.close();
    }

    @Test
    void topicsAreNormalised() {
        assertThat(EventTopics.normalise("tns1:RuleEngine/CellMotionDetector/Motion//.")).isEqualTo(
                "RuleEngine/CellMotionDetector/Motion");
        assertThat(EventTopics.normalise("tns1:RuleEngine/tnsaxis:MyRuleDetector/Visitor")).isEqualTo(
                "RuleEngine/MyRuleDetector/Visitor");
        assertThat(EventTopics.normalise(" tns1:VideoSource/MotionAlarm ")).isEqualTo("VideoSource/MotionAlarm");
    }

    @Test
    void motionAndDoorbellEventsArriveWithCorrectedTimesThroughARewrittenSubscriptionAddress() throws Exception {
        try (var cam = new FakeOnvifCamera()) {
            cam.auth = FakeOnvifCamera.Auth.USERNAME_TOKEN;
            cam.skew = Duration.ofSeconds(90);
            cam.subscriptionAddress = "http://localhost/onvif/Subscription?Idx=7"; // must go to 127.0.0.1:port
            var client = new OnvifClient(http, cam.deviceUrl(), "admin", "secret".toCharArray(), new AuthMemory(),
                    Clock.systemUTC());
            client.getSystemDateAndTime();
            Instant deviceT = Instant.now().plus(cam.skew);
            cam.pendingNotifications.add(FakeOnvifCamera.notification("tns1:RuleEngine/CellMotionDetector/Motion//.",
                    deviceT, "<tt:SimpleItem Name=\"VideoSourceConfigurationToken\" Value=\"1\"/>", "IsMotion", "true"));
            cam.pendingNotifications.add(FakeOnvifCamera.notification("tns1:RuleEngine/MyRuleDetector/Visitor",
                    deviceT, "<tt:SimpleItem Name=\"Source\" Value=\"000\"/>", "State", "true"));
            cam.pendingNotifications.add(FakeOnvifCamera.notification("tns1:VideoSource/MotionAlarm", deviceT,
                    "<tt:SimpleItem Name=\"Source\" Value=\"1\"/>", "State", "false"));
            cam.pendingNotifications.add(FakeOnvifCamera.notification("tns1:VideoSource/Alarm", deviceT,
                    "<tt:SimpleItem Name=\"VideoSourceToken\" Value=\"1\"/>", "Value", "Ring"));
            cam.pendingNotifications.add(FakeOnvifCamera.notification("tns1:Device/Trigger/DigitalInput", deviceT,
                    "", "LogicalState", "true"));
            try (var ev = new OnvifEventClient(client, events::add, errors::add).start()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 4);
            }
            assertThat(events).extracting(CameraEvent::type, CameraEvent::state).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(CameraEvent.Type.MOTION, true),
                    org.assertj.core.groups.Tuple.tuple(CameraEvent.Type.RING, true),
                    org.assertj.core.groups.Tuple.tuple(CameraEvent.Type.MOTION, false),
                    org.assertj.core.groups.Tuple.tuple(CameraEvent.Type.RING, true));
            assertThat(events).allSatisfy(e -> assertThat(Duration.between(e.at(), Instant.now()).abs())
                    .isLessThan(Duration.ofSeconds(10)));
            assertThat(cam.paths).contains("/onvif/Subscription?Idx=7");
            assertThat(cam.calls).containsSubsequence("CreatePullPointSubscription", "PullMessages", "Unsubscribe");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void renewsBeforeTheSubscriptionRunsOutAndReconnectsAfterAFailure() throws Exception {
        try (var cam = new FakeOnvifCamera()) {
            cam.termination = Duration.ofSeconds(12);
            cam.subscriptionAddress = "http://192.168.1.50:80/onvif/Subscription?Idx=9"; // other IP → device host
            cam.pullFaults.set(1);
            var client = new OnvifClient(http, cam.deviceUrl(), null, null, new AuthMemory(), Clock.systemUTC());
            try (var ev = new OnvifEventClient(client, events::add, errors::add, Duration.ofMillis(100),
                    Clock.systemUTC()).start()) {
                await().atMost(Duration.ofSeconds(15)).until(() -> cam.calls.contains("Renew"));
                cam.pendingNotifications.add(FakeOnvifCamera.notification("tns1:RuleEngine/MyRuleDetector/Visitor",
                        Instant.now(), "", "State", "true"));
                await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
            }
            assertThat(errors).hasSize(1);
            assertThat(cam.calls.stream().filter("CreatePullPointSubscription"::equals).count()).isEqualTo(2);
            assertThat(cam.paths).contains("/onvif/Subscription?Idx=9");
        }
    }

    @Test
    void closeCancelsALongPollPromptly() throws Exception {
        try (var cam = new FakeOnvifCamera()) {
            cam.subscriptionAddress = "/onvif/Subscription?Idx=5"; // relative: Dahua style
            var client = new OnvifClient(http, cam.deviceUrl(), null, null, new AuthMemory(), Clock.systemUTC());
            var ev = new OnvifEventClient(client, events::add, errors::add).start();
            await().atMost(Duration.ofSeconds(5)).until(() -> cam.calls.contains("PullMessages"));
            assertThat(cam.paths).contains("/onvif/Subscription?Idx=5");
            long t0 = System.nanoTime();
            ev.close();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(cam.calls).contains("Unsubscribe");
        }
    }

    @Test
    void parsesRecordedPullResponseWithUndeclaredPrefixes() throws Exception {
        String xml = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\"><SOAP-ENV:Body>"
                + "<tev:PullMessagesResponse><wsnt:NotificationMessage><wsnt:Topic>tns1:RuleEngine/MyRuleDetector/Visitor"
                + "</wsnt:Topic><wsnt:Message><tt:Message UtcTime=\"2026-01-02T03:04:05Z\"><tt:Data>"
                + "<tt:SimpleItem Name=\"State\" Value=\"true\"/></tt:Data></tt:Message></wsnt:Message>"
                + "</wsnt:NotificationMessage></tev:PullMessagesResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        var doc = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8), SafeXml.SOAP_LIMIT);
        assertThat(EventTopics.parse(doc, Duration.ofSeconds(90), Instant.EPOCH)).containsExactly(
                new CameraEvent(CameraEvent.Type.RING, Instant.parse("2026-01-02T03:02:35Z"), true));
    }
}
