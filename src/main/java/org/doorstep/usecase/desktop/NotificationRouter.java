package org.doorstep.usecase.desktop;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import org.doorstep.common.Messages;
import org.doorstep.record.CameraStatus;

/**
 * Decides which recorder events become desktop notifications: every doorbell ring, and a camera that has been lost
 * (reconnecting) for longer than a minute, told once until it records again. A camera's quiet hours silence both;
 * either kind can be switched off altogether.
 * It only decides; showing them is the window's part, and {@link #due} is asked every few seconds.
 */
public final class NotificationRouter {
    /** Short outages (a camera rebooting, Wi-Fi hiccups) are not worth a notification. */
    public static final Duration LOST_AFTER = Duration.ofMinutes(1);

    private record Lost(String camera, Instant since, boolean handled) {}

    private final LongFunction<Optional<QuietHours>> quietHours;
    private final BooleanSupplier rings;
    private final BooleanSupplier cameraLost;
    private final ZoneId zone;
    private final Messages text;
    private final Map<Long, Lost> lost = new HashMap<>();

    /**
     * @param quietHours a camera's do-not-disturb hours by camera id, read at each decision so changes apply at once
     * @param zone       the zone quiet hours are meant in
     */
    public NotificationRouter(LongFunction<Optional<QuietHours>> quietHours, ZoneId zone, Messages text) {
        this(quietHours, () -> true, () -> true, zone, text);
    }

    /**
     * @param rings      whether rings notify at all, read at each ring (the settings' switch)
     * @param cameraLost whether lost cameras notify at all, read at each check
     */
    public NotificationRouter(LongFunction<Optional<QuietHours>> quietHours, BooleanSupplier rings,
                              BooleanSupplier cameraLost, ZoneId zone, Messages text) {
        this.quietHours = quietHours;
        this.rings = rings;
        this.cameraLost = cameraLost;
        this.zone = zone;
        this.text = text;
    }

    /** A ring: a notification unless rings are switched off or the camera is in its quiet hours. */
    public Optional<Notification> ring(long cameraId, String camera, Instant at) {
        if (!rings.getAsBoolean() || quiet(cameraId, at)) {
            return Optional.empty();
        }
        return Optional.of(new Notification(Notification.Kind.RING, cameraId, camera, text.get("ring.title", camera),
                text.get("ring.body", camera)));
    }

    /** Follows a camera's recorder (main stream): lost while reconnecting, found when it records or is stopped. */
    public synchronized void status(CameraStatus status, Instant at) {
        if (status.state() == CameraStatus.State.RECONNECTING) {
            lost.putIfAbsent(status.cameraId(), new Lost(status.cameraName(), at, false));
        } else if (status.state() == CameraStatus.State.RECORDING || status.state() == CameraStatus.State.STOPPED) {
            lost.remove(status.cameraId());
        }
    }

    /** The cameras lost for at least {@link #LOST_AFTER} that were not told yet (each only once per outage). */
    public synchronized List<Notification> due(Instant now) {
        List<Notification> out = new ArrayList<>();
        for (Map.Entry<Long, Lost> e : lost.entrySet()) {
            Lost l = e.getValue();
            if (l.handled() || now.isBefore(l.since().plus(LOST_AFTER))) {
                continue;
            }
            e.setValue(new Lost(l.camera(), l.since(), true)); // told or silenced: not again in this outage
            if (cameraLost.getAsBoolean() && !quiet(e.getKey(), now)) {
                long minutes = Math.max(1, Duration.between(l.since(), now).toMinutes());
                out.add(new Notification(Notification.Kind.CAMERA_LOST, e.getKey(), l.camera(),
                        text.get("lost.title", l.camera()), text.get("lost.body", l.camera(), minutes)));
            }
        }
        return out;
    }

    private boolean quiet(long cameraId, Instant at) {
        return quietHours.apply(cameraId).map(q -> q.contains(at.atZone(zone).toLocalTime())).orElse(false);
    }
}
