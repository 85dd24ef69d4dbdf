package org.doorstep.sim.onvif;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * tev: the ONVIF event service (ver10) with PullPoint subscriptions. The event service endpoint
 * creates subscriptions; each subscription has its own address for PullMessages, Renew and Unsubscribe.
 */
final class EventService implements SoapService {
    static final Duration MAX_PULL_TIMEOUT = Duration.ofSeconds(60);
    static final int MAX_MESSAGE_LIMIT = 1000;
    private static final String CONCRETE_SET = "http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet";

    private final PullPointSubscriptions subscriptions;
    private final Clock cameraClock;

    EventService(PullPointSubscriptions subscriptions, Clock cameraClock) {
        this.subscriptions = subscriptions;
        this.cameraClock = cameraClock;
    }

    @Override
    public Set<String> actions() {
        return Set.of("CreatePullPointSubscription", "GetServiceCapabilities", "GetEventProperties");
    }

    @Override
    public String handle(String action, Request request) throws SoapFault {
        return switch (action) {
            case "CreatePullPointSubscription" -> create(request);
            case "GetServiceCapabilities" -> "<tev:GetServiceCapabilitiesResponse>" + capabilities()
                    + "</tev:GetServiceCapabilitiesResponse>";
            case "GetEventProperties" -> eventProperties();
            default -> throw SoapFault.actionNotSupported(action);
        };
    }

    static String capabilities() {
        return "<tev:Capabilities WSSubscriptionPolicySupport=\"false\" WSPullPointSupport=\"true\""
                + " WSPausableSubscriptionManagerInterfaceSupport=\"false\" MaxNotificationProducers=\"0\""
                + " MaxPullPoints=\"" + OnvifSimServer.MAX_SUBSCRIPTIONS + "\" PersistentNotificationStorage=\"false\"/>";
    }

    private String create(Request request) throws SoapFault {
        Instant now = cameraClock.instant();
        String initial = SoapXml.childText(request.operation(), "InitialTerminationTime");
        Instant termination = terminationTime(initial, now);
        PullPointSubscriptions.Subscription s = subscriptions.create(termination);
        return "<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference><wsa5:Address>"
                + request.baseUrl() + OnvifSimServer.SUBSCRIPTION_PATH + s.id + "</wsa5:Address>"
                + "</tev:SubscriptionReference><wsnt:CurrentTime>" + SoapXml.dateTime(now) + "</wsnt:CurrentTime>"
                + "<wsnt:TerminationTime>" + SoapXml.dateTime(termination) + "</wsnt:TerminationTime>"
                + "</tev:CreatePullPointSubscriptionResponse>";
    }

    static Instant terminationTime(String requested, Instant now) throws SoapFault {
        if (requested == null || requested.isEmpty()) {
            return now.plus(PullPointSubscriptions.DEFAULT_TTL);
        }
        Instant t = SoapXml.absoluteTime(requested, now);
        if (!t.isAfter(now)) {
            throw SoapFault.sender("Termination time is in the past", "ter:InvalidArgVal");
        }
        Instant max = now.plus(PullPointSubscriptions.MAX_TTL);
        return t.isAfter(max) ? max : t;
    }

    private static String eventProperties() {
        String source = "<tt:Source><tt:SimpleItemDescription Name=\"VideoSourceConfigurationToken\" Type=\"tt:ReferenceToken\"/>"
                + "<tt:SimpleItemDescription Name=\"VideoAnalyticsConfigurationToken\" Type=\"tt:ReferenceToken\"/>"
                + "<tt:SimpleItemDescription Name=\"Rule\" Type=\"xs:string\"/></tt:Source>";
        return "<tev:GetEventPropertiesResponse>"
                + "<tev:TopicNamespaceLocation>http://www.onvif.org/onvif/ver10/topics/topicns.xml</tev:TopicNamespaceLocation>"
                + "<wsnt:FixedTopicSet>true</wsnt:FixedTopicSet><wstop:TopicSet><tns1:RuleEngine>"
                + "<CellMotionDetector><Motion wstop:topic=\"true\"><tt:MessageDescription IsProperty=\"true\">" + source
                + "<tt:Data><tt:SimpleItemDescription Name=\"IsMotion\" Type=\"xs:boolean\"/></tt:Data>"
                + "</tt:MessageDescription></Motion></CellMotionDetector>"
                + "<MyRuleDetector><Visitor wstop:topic=\"true\"><tt:MessageDescription IsProperty=\"true\">" + source
                + "<tt:Data><tt:SimpleItemDescription Name=\"State\" Type=\"xs:boolean\"/></tt:Data>"
                + "</tt:MessageDescription></Visitor></MyRuleDetector>"
                + "</tns1:RuleEngine></wstop:TopicSet>"
                + "<wsnt:TopicExpressionDialect>" + CONCRETE_SET + "</wsnt:TopicExpressionDialect>"
                + "<wsnt:TopicExpressionDialect>http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete</wsnt:TopicExpressionDialect>"
                + "<tev:MessageContentFilterDialect>http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter</tev:MessageContentFilterDialect>"
                + "<tev:MessageContentSchemaLocation>http://www.onvif.org/onvif/ver10/schema/onvif.xsd</tev:MessageContentSchemaLocation>"
                + "</tev:GetEventPropertiesResponse>";
    }

    /** The operations sent to one subscription's own address. */
    static final class SubscriptionEndpoint implements SoapService {
        private final PullPointSubscriptions subscriptions;
        private final Clock cameraClock;

        SubscriptionEndpoint(PullPointSubscriptions subscriptions, Clock cameraClock) {
            this.subscriptions = subscriptions;
            this.cameraClock = cameraClock;
        }

        @Override
        public Set<String> actions() {
            return Set.of("PullMessages", "Renew", "Unsubscribe", "SetSynchronizationPoint");
        }

        @Override
        public String handle(String action, Request request) throws SoapFault {
            String id = request.path().substring(OnvifSimServer.SUBSCRIPTION_PATH.length());
            PullPointSubscriptions.Subscription s = subscriptions.get(id);
            if (s == null) {
                throw SoapFault.sender("Subscription not found or expired", "ter:InvalidArgVal", "ter:ResourceUnknown");
            }
            return switch (action) {
                case "PullMessages" -> pull(s, request);
                case "Renew" -> {
                    Instant now = cameraClock.instant();
                    Instant t = terminationTime(SoapXml.childText(request.operation(), "TerminationTime"), now);
                    s.renew(t);
                    yield "<wsnt:RenewResponse><wsnt:TerminationTime>" + SoapXml.dateTime(t)
                            + "</wsnt:TerminationTime><wsnt:CurrentTime>" + SoapXml.dateTime(now)
                            + "</wsnt:CurrentTime></wsnt:RenewResponse>";
                }
                case "Unsubscribe" -> {
                    subscriptions.remove(s);
                    yield "<wsnt:UnsubscribeResponse/>";
                }
                case "SetSynchronizationPoint" -> {
                    subscriptions.synchronizationPoint(s);
                    yield "<tev:SetSynchronizationPointResponse/>";
                }
                default -> throw SoapFault.actionNotSupported(action);
            };
        }

        private String pull(PullPointSubscriptions.Subscription s, Request request) throws SoapFault {
            String timeoutText = SoapXml.childText(request.operation(), "Timeout");
            String limitText = SoapXml.childText(request.operation(), "MessageLimit");
            Duration timeout = timeoutText == null ? Duration.ofSeconds(10) : SoapXml.duration(timeoutText);
            if (timeout.isNegative()) {
                throw SoapFault.sender("Negative timeout", "ter:InvalidArgVal");
            }
            if (timeout.compareTo(MAX_PULL_TIMEOUT) > 0) {
                timeout = MAX_PULL_TIMEOUT;
            }
            int limit;
            try {
                limit = limitText == null ? 100 : Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                throw SoapFault.sender("Invalid MessageLimit", "ter:InvalidArgVal");
            }
            limit = Math.max(1, Math.min(limit, MAX_MESSAGE_LIMIT));
            List<PullPointSubscriptions.Notification> messages;
            try {
                messages = s.pull(timeout, limit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SoapFault.receiver("Server shutting down");
            }
            Instant now = cameraClock.instant();
            StringBuilder sb = new StringBuilder("<tev:PullMessagesResponse><tev:CurrentTime>")
                    .append(SoapXml.dateTime(now)).append("</tev:CurrentTime><tev:TerminationTime>")
                    .append(SoapXml.dateTime(s.termination())).append("</tev:TerminationTime>");
            for (PullPointSubscriptions.Notification n : messages) {
                sb.append(notification(n));
            }
            return sb.append("</tev:PullMessagesResponse>").toString();
        }

        private static String notification(PullPointSubscriptions.Notification n) {
            SimEvent e = n.event();
            return "<wsnt:NotificationMessage><wsnt:Topic Dialect=\"" + CONCRETE_SET + "\">" + SoapXml.escape(e.topic())
                    + "</wsnt:Topic><wsnt:Message><tt:Message UtcTime=\"" + SoapXml.dateTime(n.cameraTime())
                    + "\" PropertyOperation=\"" + n.propertyOperation() + "\"><tt:Source>"
                    + "<tt:SimpleItem Name=\"VideoSourceConfigurationToken\" Value=\"" + MediaService.VIDEO_SOURCE_CONFIG_TOKEN + "\"/>"
                    + "<tt:SimpleItem Name=\"VideoAnalyticsConfigurationToken\" Value=\"VideoAnalyticsConfig_1\"/>"
                    + "<tt:SimpleItem Name=\"Rule\" Value=\"" + SoapXml.escape(e.source()) + "\"/></tt:Source>"
                    + "<tt:Data><tt:SimpleItem Name=\"" + e.dataItemName() + "\" Value=\"" + e.state() + "\"/></tt:Data>"
                    + "</tt:Message></wsnt:Message></wsnt:NotificationMessage>";
        }
    }
}
