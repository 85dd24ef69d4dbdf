package org.doorstep.sim.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.doorstep.sim.onvif.OnvifTestSupport.TT;
import static org.doorstep.sim.onvif.OnvifTestSupport.WSNT;
import static org.doorstep.sim.onvif.OnvifTestSupport.all;
import static org.doorstep.sim.onvif.OnvifTestSupport.at;
import static org.doorstep.sim.onvif.OnvifTestSupport.envelope;
import static org.doorstep.sim.onvif.OnvifTestSupport.post;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class DoorbellOnvifBridgeTest {
    private static final Duration SKEW = Duration.ofSeconds(90);

    @Test
    void sceneMotionAndRingsBecomeOnvifEventsWithAButtonRelease() throws Exception {
        OnvifSimConfig config = OnvifSimConfig.demo(0, "u", "p", SKEW).withAuthMode(AuthMode.NONE);
        try (OnvifSimServer server = new OnvifSimServer(config, t -> URI.create("rtsp://127.0.0.1/" + t), () -> null).start();
             DoorbellOnvifBridge bridge = new DoorbellOnvifBridge(server::publish, Duration.ofMillis(300))) {
            Document created = post(at(server, OnvifSimServer.EVENTS_PATH),
                    envelope(null, "<tev:CreatePullPointSubscription/>")).doc();
            URI sub = URI.create(OnvifTestSupport.text(created, "http://www.w3.org/2005/08/addressing", "Address"));
            pull(sub); // initial states

            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            bridge.onMotion(true, t);
            bridge.onRing(t.plusSeconds(2));
            List<String> seen = new ArrayList<>();
            while (seen.size() < 3) {
                List<String> got = pull(sub);
                assertThat(got).as("events arrive before the pull times out").isNotEmpty();
                seen.addAll(got);
            }
            assertThat(seen).containsExactly(
                    "IsMotion=true@" + t.plus(SKEW),
                    "State=true@" + t.plusSeconds(2).plus(SKEW),
                    "State=false@" + t.plusSeconds(2).plusMillis(300).plus(SKEW));
        }
    }

    private static List<String> pull(URI sub) {
        Document d = post(sub, envelope(null, "<tev:PullMessages><tev:Timeout>PT5S</tev:Timeout>"
                + "<tev:MessageLimit>10</tev:MessageLimit></tev:PullMessages>")).doc();
        List<String> out = new ArrayList<>();
        for (Element n : all(d, WSNT, "NotificationMessage")) {
            Element msg = (Element) n.getElementsByTagNameNS(TT, "Message").item(0);
            Element data = (Element) msg.getElementsByTagNameNS(TT, "Data").item(0);
            Element item = (Element) data.getElementsByTagNameNS(TT, "SimpleItem").item(0);
            out.add(item.getAttribute("Name") + "=" + item.getAttribute("Value") + "@" + Instant.parse(msg.getAttribute("UtcTime")));
        }
        return out;
    }

    @Test
    void porchSnapshotIsARealJpegOfThePorchServedAtTheSnapshotEndpoint() throws Exception {
        PorchSnapshot snapshot = new PorchSnapshot(640, 360, 15);
        byte[] jpeg = snapshot.get();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(360);
        // the door (centre) and the wall (left edge) are drawn differently
        assertThat(luma(img, 320, 180)).isNotCloseTo(luma(img, 20, 180), org.assertj.core.data.Offset.offset(10));
        assertThat(snapshot.get()).isEqualTo(jpeg);

        OnvifSimConfig config = OnvifSimConfig.demo(0, "u", "p", Duration.ZERO).withAuthMode(AuthMode.NONE);
        try (OnvifSimServer server = new OnvifSimServer(config, t -> URI.create("rtsp://127.0.0.1/" + t), snapshot).start()) {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    at(server, OnvifSimServer.SNAPSHOT_PATH + "?profile=main")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(jpeg);
        }
    }

    private static int luma(BufferedImage img, int x, int y) {
        int rgb = img.getRGB(x, y);
        return (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
    }
}
