package org.doorstep.sim.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.doorstep.sim.onvif.OnvifTestSupport.TEV;
import static org.doorstep.sim.onvif.OnvifTestSupport.TT;
import static org.doorstep.sim.onvif.OnvifTestSupport.WSNT;
import static org.doorstep.sim.onvif.OnvifTestSupport.all;
import static org.doorstep.sim.onvif.OnvifTestSupport.at;
import static org.doorstep.sim.onvif.OnvifTestSupport.envelope;
import static org.doorstep.sim.onvif.OnvifTestSupport.faultSubcodes;
import static org.doorstep.sim.onvif.OnvifTestSupport.nonce;
import static org.doorstep.sim.onvif.OnvifTestSupport.post;
import static org.doorstep.sim.onvif.OnvifTestSupport.text;
import static org.doorstep.sim.onvif.OnvifTestSupport.usernameToken;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class OnvifEventsTest {
    private static final Duration SKEW = Duration.ofSeconds(-90);
    private MutableClock hostClock;
    private OnvifSimServer server;

    @BeforeEach
    void start() throws Exception {
        hostClock = new MutableClock(Instant.now());
        server = new OnvifSimServer(OnvifSimConfig.demo(0, "admin", "s3cret", SKEW), SimProfile.defaults(),
                t -> URI.create("rtsp://127.0.0.1/" + t), () -> new byte[0], hostClock).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Instant cameraNow() {
        return hostClock.instant().plus(SKEW);
    }

    private OnvifTestSupport.Reply call(URI uri, String body) {
        return post(uri, envelope(usernameToken("admin", "s3cret", cameraNow(), nonce()), body));
    }

    private URI subscribe(String initialTermination) {
        OnvifTestSupport.Reply r = call(at(server, OnvifSimServer.EVENTS_PATH), "<tev:CreatePullPointSubscription>"
                + (initialTermination == null ? "" : "<tev:InitialTerminationTime>" + initialTermination
                + "</tev:InitialTerminationTime>") + "</tev:CreatePullPointSubscription>");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Document d = r.doc();
        Instant current = Instant.parse(text(d, WSNT, "CurrentTime"));
        Instant termination = Instant.parse(text(d, WSNT, "TerminationTime"));
        assertThat(current).isEqualTo(cameraNow().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        if ("PT60S".equals(initialTermination)) {
            assertThat(Duration.between(current, termination)).isEqualTo(Duration.ofSeconds(60));
        }
        String address = text(d, "http://www.w3.org/2005/08/addressing", "Address");
        assertThat(address).startsWith("http://127.0.0.1:" + server.port() + "/onvif/subscription/");
        return URI.create(address);
    }

    private Document pull(URI subscription, String timeout, int limit) {
        OnvifTestSupport.Reply r = call(subscription, "<tev:PullMessages><tev:Timeout>" + timeout
                + "</tev:Timeout><tev:MessageLimit>" + limit + "</tev:MessageLimit></tev:PullMessages>");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.doc();
    }

    /** The messages as "topic|item=value|operation|rule" strings. */
    private static List<String> messages(Document d) {
        return all(d, WSNT, "NotificationMessage").stream().map(n -> {
            String topic = n.getElementsByTagNameNS(WSNT, "Topic").item(0).getTextContent().trim();
            Element message = (Element) n.getElementsByTagNameNS(TT, "Message").item(0);
            Element data = (Element) message.getElementsByTagNameNS(TT, "Data").item(0);
            Element item = (Element) data.getElementsByTagNameNS(TT, "SimpleItem").item(0);
            Element source = (Element) message.getElementsByTagNameNS(TT, "Source").item(0);
            String rule = "";
            var items = source.getElementsByTagNameNS(TT, "SimpleItem");
            for (int i = 0; i < items.getLength(); i++) {
                Element e = (Element) items.item(i);
                if (e.getAttribute("Name").equals("Rule")) {
                    rule = e.getAttribute("Value");
                }
            }
            return topic + "|" + item.getAttribute("Name") + "=" + item.getAttribute("Value") + "|"
                    + message.getAttribute("PropertyOperation") + "|" + rule;
        }).toList();
    }

    @Test
    void newSubscriberFirstGetsTheCurrentStatesThenPublishedMotionAndVisitorEvents() {
        URI sub = subscribe("PT60S");
        assertThat(messages(pull(sub, "PT1S", 10))).containsExactly(
                "tns1:RuleEngine/CellMotionDetector/Motion|IsMotion=false|Initialized|MyMotionDetectorRule",
                "tns1:RuleEngine/MyRuleDetector/Visitor|State=false|Initialized|MyVisitorRule");

        Instant motionAt = hostClock.instant();
        server.publish(SimEvent.motion(motionAt, true));
        server.publish(SimEvent.visitor(motionAt.plusSeconds(2), true));
        server.publish(new SimEvent(SimEvent.VISITOR_TOPIC, motionAt.plusSeconds(3), false, "FrontDoorBell"));
        Document d = pull(sub, "PT5S", 10);
        assertThat(messages(d)).containsExactly(
                "tns1:RuleEngine/CellMotionDetector/Motion|IsMotion=true|Changed|MyMotionDetectorRule",
                "tns1:RuleEngine/MyRuleDetector/Visitor|State=true|Changed|MyVisitorRule",
                "tns1:RuleEngine/MyRuleDetector/Visitor|State=false|Changed|FrontDoorBell");
        // UtcTime is on the camera clock
        Element first = all(d, TT, "Message").get(0);
        assertThat(Instant.parse(first.getAttribute("UtcTime"))).isEqualTo(motionAt.plus(SKEW).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(Instant.parse(text(d, TEV, "CurrentTime"))).isEqualTo(cameraNow().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        // a later subscriber is told the latest state
        URI late = subscribe(null);
        assertThat(messages(pull(late, "PT1S", 10))).containsExactly(
                "tns1:RuleEngine/CellMotionDetector/Motion|IsMotion=true|Initialized|MyMotionDetectorRule",
                "tns1:RuleEngine/MyRuleDetector/Visitor|State=false|Initialized|FrontDoorBell");
    }

    @Test
    void pullMessagesWaitsForAnEventAndReturnsEmptyOnTimeout() throws Exception {
        URI sub = subscribe("PT60S");
        pull(sub, "PT1S", 10); // drain the initial states
        assertThat(messages(pull(sub, "PT0.3S", 10))).isEmpty();

        CompletableFuture<Document> waiting = CompletableFuture.supplyAsync(() -> pull(sub, "PT20S", 10));
        Thread.sleep(300);
        assertThat(waiting).isNotDone();
        server.publish(SimEvent.motion(hostClock.instant(), true));
        Document d = waiting.get(10, TimeUnit.SECONDS);
        assertThat(messages(d)).containsExactly(
                "tns1:RuleEngine/CellMotionDetector/Motion|IsMotion=true|Changed|MyMotionDetectorRule");
    }

    @Test
    void aNewPullSupersedesAWaitingOne() throws Exception {
        URI sub = subscribe("PT60S");
        pull(sub, "PT1S", 10);
        CompletableFuture<Document> first = CompletableFuture.supplyAsync(() -> pull(sub, "PT30S", 10));
        Thread.sleep(300);
        assertThat(first).isNotDone();
        CompletableFuture<Document> second = CompletableFuture.supplyAsync(() -> pull(sub, "PT30S", 10));
        // the client gave up on the first request; it must not hold the subscription for 30 s
        assertThat(messages(first.get(10, TimeUnit.SECONDS))).isEmpty();
        server.publish(SimEvent.visitor(hostClock.instant(), true));
        assertThat(messages(second.get(10, TimeUnit.SECONDS))).containsExactly(
                "tns1:RuleEngine/MyRuleDetector/Visitor|State=true|Changed|MyVisitorRule");
    }

    @Test
    void subscriptionCountIsBounded() {
        for (int i = 0; i < OnvifSimServer.MAX_SUBSCRIPTIONS; i++) {
            subscribe("PT60S");
        }
        OnvifTestSupport.Reply r = call(at(server, OnvifSimServer.EVENTS_PATH), "<tev:CreatePullPointSubscription/>");
        assertThat(r.status()).isEqualTo(500);
        assertThat(faultSubcodes(r.doc())).contains("ter:TooManySubscriptions");
        hostClock.advance(Duration.ofSeconds(61)); // all expire, room again
        subscribe("PT60S");
    }

    @Test
    void messageLimitSplitsABacklog() {
        URI sub = subscribe("PT60S");
        pull(sub, "PT1S", 10);
        for (int i = 0; i < 5; i++) {
            server.publish(SimEvent.motion(hostClock.instant().plusSeconds(i), i % 2 == 0));
        }
        assertThat(messages(pull(sub, "PT1S", 2))).hasSize(2);
        assertThat(messages(pull(sub, "PT1S", 10))).hasSize(3);
    }

    @Test
    void renewExtendsAndUnsubscribeEndsTheSubscription() {
        URI sub = subscribe("PT60S");
        OnvifTestSupport.Reply renew = call(sub, "<wsnt:Renew><wsnt:TerminationTime>PT120S</wsnt:TerminationTime></wsnt:Renew>");
        assertThat(renew.status()).isEqualTo(200);
        Instant current = Instant.parse(text(renew.doc(), WSNT, "CurrentTime"));
        assertThat(Duration.between(current, Instant.parse(text(renew.doc(), WSNT, "TerminationTime"))))
                .isEqualTo(Duration.ofSeconds(120));
        hostClock.advance(Duration.ofSeconds(90)); // past the original 60 s, within the renewed 120 s
        assertThat(messages(pull(sub, "PT0S", 10))).hasSize(2);

        assertThat(call(sub, "<wsnt:Unsubscribe/>").status()).isEqualTo(200);
        OnvifTestSupport.Reply gone = call(sub, "<tev:PullMessages><tev:Timeout>PT1S</tev:Timeout>"
                + "<tev:MessageLimit>1</tev:MessageLimit></tev:PullMessages>");
        assertThat(gone.status()).isEqualTo(400);
        assertThat(faultSubcodes(gone.doc())).contains("ter:ResourceUnknown");
    }

    @Test
    void subscriptionsExpire() {
        URI sub = subscribe("PT10S");
        assertThat(server.subscriptionCount()).isEqualTo(1);
        hostClock.advance(Duration.ofSeconds(11));
        OnvifTestSupport.Reply expired = call(sub, "<tev:PullMessages><tev:Timeout>PT1S</tev:Timeout>"
                + "<tev:MessageLimit>1</tev:MessageLimit></tev:PullMessages>");
        assertThat(expired.status()).isEqualTo(400);
        assertThat(server.subscriptionCount()).isZero();
        // an absolute InitialTerminationTime in the camera's past is refused
        OnvifTestSupport.Reply past = call(at(server, OnvifSimServer.EVENTS_PATH), "<tev:CreatePullPointSubscription>"
                + "<tev:InitialTerminationTime>" + cameraNow().minusSeconds(5) + "</tev:InitialTerminationTime>"
                + "</tev:CreatePullPointSubscription>");
        assertThat(past.status()).isEqualTo(400);
    }

    @Test
    void subscriptionOperationsNeedAuthentication() {
        URI sub = subscribe("PT60S");
        OnvifTestSupport.Reply r = post(sub, envelope(null, "<tev:PullMessages><tev:Timeout>PT1S</tev:Timeout>"
                + "<tev:MessageLimit>1</tev:MessageLimit></tev:PullMessages>"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(post(at(server, OnvifSimServer.EVENTS_PATH),
                envelope(null, "<tev:CreatePullPointSubscription/>")).status()).isEqualTo(401);
    }

    @Test
    void eventPropertiesListTheMotionAndVisitorTopics() {
        OnvifTestSupport.Reply r = call(at(server, OnvifSimServer.EVENTS_PATH), "<tev:GetEventProperties/>");
        assertThat(r.status()).isEqualTo(200);
        Document d = r.doc();
        Element topicSet = OnvifTestSupport.first(d, "http://docs.oasis-open.org/wsn/t-1", "TopicSet");
        assertThat(topicSet.getElementsByTagName("Motion").getLength()).isEqualTo(1);
        assertThat(topicSet.getElementsByTagName("Visitor").getLength()).isEqualTo(1);
    }
}
