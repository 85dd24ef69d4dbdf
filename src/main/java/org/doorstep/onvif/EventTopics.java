package org.doorstep.onvif;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Turns ONVIF notification messages into {@link CameraEvent}s. Unknown topics are ignored. */
public final class EventTopics {
    private EventTopics() {}

    /**
     * "tns1:RuleEngine/tnsaxis:CellMotionDetector/Motion//." → "RuleEngine/CellMotionDetector/Motion":
     * vendors put their own prefixes into path parts, some append empty or "." parts.
     */
    public static String normalise(String topic) {
        if (topic == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String p : topic.trim().split("/")) {
            String local = p.substring(p.lastIndexOf(':') + 1).trim();
            if (!local.isEmpty() && !local.equals(".")) {
                parts.add(local);
            }
        }
        return String.join("/", parts);
    }

    /**
     * The topics Doorstep understands without being told, as README lists them: motion from the camera's own
     * detector, and doorbell buttons reported on a visitor topic or as a "Ring" alarm.
     */
    public static final List<String> BUILT_IN_MOTION = List.of("RuleEngine/CellMotionDetector/Motion",
            "VideoSource/MotionAlarm", "RuleEngine/MotionRegionDetector/Motion");
    public static final List<String> BUILT_IN_RING = List.of("RuleEngine/MyRuleDetector/Visitor",
            "VideoSource/Alarm (with a value Ring)");
    /** What a doorbell wired as a digital input reports; the usual topic to map as a ring. */
    public static final String DIGITAL_INPUT = "Device/Trigger/DigitalInput";

    /** Events in a PullMessagesResponse (or any document holding NotificationMessage elements). */
    public static List<CameraEvent> parse(Document doc, Duration clockOffset, Instant fallbackNow) {
        return parse(doc, clockOffset, fallbackNow, List.of());
    }

    /**
     * As {@link #parse(Document, Duration, Instant)}; a notification on one of {@code ringTopics} (the camera's own
     * choice, e.g. {@code tns1:Device/Trigger/DigitalInput}) is a ring too, its state read from State, LogicalState
     * or Value.
     */
    public static List<CameraEvent> parse(Document doc, Duration clockOffset, Instant fallbackNow,
            List<String> ringTopics) {
        List<String> extra = ringTopics.stream().map(EventTopics::normalise).filter(t -> !t.isEmpty()).toList();
        List<CameraEvent> out = new ArrayList<>();
        for (Element n : SafeXml.descendants(doc, "NotificationMessage")) {
            toEvent(n, clockOffset, fallbackNow, extra).ifPresent(out::add);
        }
        return out;
    }

    static Optional<CameraEvent> toEvent(Element notification, Duration clockOffset, Instant fallbackNow) {
        return toEvent(notification, clockOffset, fallbackNow, List.of());
    }

    /** A notification on any topic, known or not: what a set-up step watches to learn which topic a button uses. */
    public record TopicChange(String topic, Boolean state, boolean initial) {}

    /** Every notification in {@code doc} as topic (with its {@code tns1:} prefix) and state, when it has one. */
    public static List<TopicChange> changes(Document doc) {
        List<TopicChange> out = new ArrayList<>();
        for (Element n : SafeXml.descendants(doc, "NotificationMessage")) {
            String raw = SafeXml.pathText(n, "Topic");
            Element msg = SafeXml.first(n, "Message").orElse(null);
            if (raw == null || msg == null) {
                continue;
            }
            Element inner = SafeXml.child(msg, "Message").orElse(msg);
            Map<String, String> items = new LinkedHashMap<>();
            for (Element si : SafeXml.descendants(inner, "SimpleItem")) {
                String name = SafeXml.attr(si, "Name");
                String value = SafeXml.attr(si, "Value");
                if (name != null && value != null) {
                    items.put(name, value.trim());
                }
            }
            String topic = "tns1:" + normalise(raw);
            boolean initial = "Initialized".equalsIgnoreCase(SafeXml.attr(inner, "PropertyOperation"));
            out.add(new TopicChange(topic, firstBool(items, "State", "LogicalState", "IsMotion", "Value", "IsActive"),
                    initial));
        }
        return out;
    }

    static Optional<CameraEvent> toEvent(Element notification, Duration clockOffset, Instant fallbackNow,
            List<String> ringTopics) {
        String topic = normalise(SafeXml.pathText(notification, "Topic"));
        Element msg = SafeXml.path(notification, "Message", "Message").orElse(null);
        if (msg == null) {
            msg = SafeXml.first(notification, "Message").orElse(null);
            if (msg != null) {
                msg = SafeXml.child(msg, "Message").orElse(msg);
            }
        }
        if (msg == null) {
            return Optional.empty();
        }
        Map<String, String> items = new LinkedHashMap<>();
        for (Element si : SafeXml.descendants(msg, "SimpleItem")) {
            String name = SafeXml.attr(si, "Name");
            String value = SafeXml.attr(si, "Value");
            if (name != null && value != null) {
                items.put(name, value.trim());
            }
        }
        Instant at = time(SafeXml.attr(msg, "UtcTime"), fallbackNow).minus(clockOffset);
        CameraEvent.Type type;
        Boolean state;
        if (topic.endsWith("CellMotionDetector/Motion")) {
            type = CameraEvent.Type.MOTION;
            state = bool(items.get("IsMotion"));
        } else if (topic.endsWith("VideoSource/MotionAlarm") || topic.endsWith("MotionRegionDetector/Motion")) {
            type = CameraEvent.Type.MOTION;
            state = bool(items.get("State"));
        } else if (topic.endsWith("MyRuleDetector/Visitor")) {
            type = CameraEvent.Type.RING;
            state = bool(items.get("State"));
        } else if (ringTopics.stream().anyMatch(t -> topic.equals(t) || topic.endsWith("/" + t))) {
            type = CameraEvent.Type.RING;
            state = firstBool(items, "State", "LogicalState", "Value", "IsActive");
        } else if (topic.endsWith("VideoSource/Alarm")
                && items.values().stream().anyMatch(v -> v.equalsIgnoreCase("Ring"))) {
            // Mobotix doorbell: the alarm's value says Ring; a State item, when present, says on/off
            type = CameraEvent.Type.RING;
            state = items.containsKey("State") ? bool(items.get("State")) : Boolean.TRUE;
        } else {
            return Optional.empty();
        }
        // "Initialized" marks the current-state report after subscribing (and after SetSynchronizationPoint)
        boolean initial = "Initialized".equalsIgnoreCase(SafeXml.attr(msg, "PropertyOperation"));
        return state == null ? Optional.empty() : Optional.of(new CameraEvent(type, at, state, initial));
    }

    private static Boolean firstBool(Map<String, String> items, String... names) {
        for (String name : names) {
            Boolean b = bool(items.get(name));
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    private static Boolean bool(String v) {
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "on", "active" -> Boolean.TRUE;
            case "false", "0", "off", "inactive" -> Boolean.FALSE;
            default -> null;
        };
    }

    static Instant time(String s, Instant fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s.trim()).toInstant(ZoneOffset.UTC); // no zone given: ONVIF means UTC
            } catch (DateTimeParseException e2) {
                return fallback;
            }
        }
    }
}
