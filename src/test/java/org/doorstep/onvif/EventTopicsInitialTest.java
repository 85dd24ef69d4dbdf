package org.doorstep.onvif;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Current-state reports (PropertyOperation="Initialized") are told apart from changes. */
class EventTopicsInitialTest {
    static String message(String operation, String value) {
        String op = operation == null ? "" : " PropertyOperation=\"" + operation + "\"";
        return "<wsnt:NotificationMessage><wsnt:Topic>tns1:RuleEngine/MyRuleDetector/Visitor</wsnt:Topic>"
                + "<wsnt:Message><tt:Message UtcTime=\"2026-01-02T03:04:05Z\"" + op + "><tt:Data>"
                + "<tt:SimpleItem Name=\"State\" Value=\"" + value + "\"/></tt:Data></tt:Message></wsnt:Message>"
                + "</wsnt:NotificationMessage>";
    }

    @Test
    void initializedMessagesAreMarkedChangedAndUnmarkedOnesAreNot() throws Exception {
        String xml = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><tev:PullMessagesResponse>"
                + message("Initialized", "true") + message("Changed", "true") + message(null, "false")
                + "</tev:PullMessagesResponse></s:Body></s:Envelope>";
        var doc = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8), SafeXml.SOAP_LIMIT);
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        assertThat(EventTopics.parse(doc, Duration.ZERO, Instant.EPOCH)).containsExactly(
                new CameraEvent(CameraEvent.Type.RING, t, true, true),
                new CameraEvent(CameraEvent.Type.RING, t, true, false),
                new CameraEvent(CameraEvent.Type.RING, t, false, false));
    }
}
