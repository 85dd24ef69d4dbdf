package org.doorstep.sim.onvif;

import java.time.Instant;
import java.util.Objects;

/**
 * An event the scene raises on the simulated camera; PullPoint subscribers receive it.
 *
 * @param topic  ONVIF topic with the {@code tns1:} prefix, e.g. {@link #MOTION_TOPIC}
 * @param time   when it happened on the host clock; the camera reports it shifted by its clock skew
 * @param state  the new value (IsMotion for motion, State for other topics)
 * @param source rule name put into the message Source ({@code Rule}); null picks a default per topic
 */
public record SimEvent(String topic, Instant time, boolean state, String source) {
    public static final String MOTION_TOPIC = "tns1:RuleEngine/CellMotionDetector/Motion";
    /** The Reolink doorbell button topic. */
    public static final String VISITOR_TOPIC = "tns1:RuleEngine/MyRuleDetector/Visitor";

    /** A doorbell button wired to the camera's digital input: its LogicalState changes. */
    public static final String DIGITAL_INPUT_TOPIC = "tns1:Device/Trigger/DigitalInput";

    public SimEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(time, "time");
        if (!topic.startsWith("tns1:") || topic.length() <= 5 || topic.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("topic must look like tns1:Path/To/Topic: " + topic);
        }
        if (source == null) {
            source = MOTION_TOPIC.equals(topic) ? "MyMotionDetectorRule" : VISITOR_TOPIC.equals(topic) ? "MyVisitorRule" : "MyRule";
        }
    }

    public static SimEvent motion(Instant time, boolean moving) {
        return new SimEvent(MOTION_TOPIC, time, moving, null);
    }

    public static SimEvent visitor(Instant time, boolean pressed) {
        return new SimEvent(VISITOR_TOPIC, time, pressed, null);
    }

    public static SimEvent digitalInput(Instant time, boolean active) {
        return new SimEvent(DIGITAL_INPUT_TOPIC, time, active, null);
    }

    /** Name of the Data SimpleItem: IsMotion for cell motion, LogicalState for inputs, State otherwise. */
    String dataItemName() {
        return MOTION_TOPIC.equals(topic) ? "IsMotion" : DIGITAL_INPUT_TOPIC.equals(topic) ? "LogicalState" : "State";
    }
}
