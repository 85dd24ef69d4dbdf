package org.doorstep.usecase.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.doorstep.common.Messages;
import org.doorstep.record.CameraStatus;
import org.junit.jupiter.api.Test;

class NotificationRouterTest {
    private static final Instant NOON = Instant.parse("2026-11-30T12:00:00Z");
    private final Map<Long, QuietHours> quiet = new HashMap<>();
    private final NotificationRouter router = new NotificationRouter(id -> Optional.ofNullable(quiet.get(id)),
            ZoneOffset.UTC, Messages.of("desktop", Locale.ENGLISH));

    private static CameraStatus status(long id, String name, CameraStatus.State state) {
        return new CameraStatus(id, name, "main", state, null, null, NOON, 0, 0);
    }

    @Test
    void everyRingNotifiesWithTheCameraToOpenAndNoPicture() {
        Notification n = router.ring(1, "Front door", NOON).orElseThrow();
        assertThat(n.kind()).isEqualTo(Notification.Kind.RING);
        assertThat(n.camera()).isEqualTo("Front door");
        assertThat(n.title()).isEqualTo("Someone is at Front door");
        assertThat(router.ring(1, "Front door", NOON.plusSeconds(5))).isPresent();
    }

    @Test
    void quietHoursSilenceRingsOfThatCameraOnly() {
        quiet.put(1L, QuietHours.parse("22:00-07:00").orElseThrow());
        Instant night = Instant.parse("2026-11-30T23:30:00Z");
        Instant early = Instant.parse("2026-11-30T06:59:00Z");
        assertThat(router.ring(1, "Front door", night)).isEmpty();
        assertThat(router.ring(1, "Front door", early)).isEmpty();
        assertThat(router.ring(1, "Front door", Instant.parse("2026-11-30T07:00:00Z"))).isPresent();
        assertThat(router.ring(2, "Garden", night)).isPresent();
    }

    @Test
    void aCameraLostForLessThanAMinuteIsNotWorthANotification() {
        router.status(status(1, "Garden", CameraStatus.State.RECONNECTING), NOON);
        assertThat(router.due(NOON.plusSeconds(59))).isEmpty();
        router.status(status(1, "Garden", CameraStatus.State.RECORDING), NOON.plusSeconds(59));
        assertThat(router.due(NOON.plusSeconds(120))).isEmpty();
    }

    @Test
    void aCameraLostForAMinuteIsToldOncePerOutage() {
        router.status(status(1, "Garden", CameraStatus.State.RECONNECTING), NOON);
        // further reconnect attempts do not restart the minute
        router.status(status(1, "Garden", CameraStatus.State.RECONNECTING), NOON.plusSeconds(30));
        assertThat(router.due(NOON.plus(NotificationRouter.LOST_AFTER)))
                .singleElement().satisfies(n -> {
                    assertThat(n.kind()).isEqualTo(Notification.Kind.CAMERA_LOST);
                    assertThat(n.camera()).isEqualTo("Garden");
                    assertThat(n.body()).contains("1 min");
                });
        assertThat(router.due(NOON.plus(Duration.ofMinutes(5)))).isEmpty();

        router.status(status(1, "Garden", CameraStatus.State.RECORDING), NOON.plus(Duration.ofMinutes(6)));
        router.status(status(1, "Garden", CameraStatus.State.RECONNECTING), NOON.plus(Duration.ofMinutes(7)));
        assertThat(router.due(NOON.plus(Duration.ofMinutes(8)))).hasSize(1);
    }

    @Test
    void aStoppedCameraIsNotLost() {
        router.status(status(1, "Garden", CameraStatus.State.RECONNECTING), NOON);
        router.status(status(1, "Garden", CameraStatus.State.STOPPED), NOON.plusSeconds(10));
        assertThat(router.due(NOON.plus(Duration.ofMinutes(2)))).isEmpty();
    }

    @Test
    void aCameraLostInItsQuietHoursIsSilencedForThatOutage() {
        quiet.put(1L, new QuietHours(LocalTime.of(11, 0), LocalTime.of(12, 30)));
        router.status(status(1, "Garden", CameraStatus.State.RECONNECTING), NOON);
        assertThat(router.due(NOON.plus(Duration.ofMinutes(1)))).isEmpty();
        assertThat(router.due(NOON.plus(Duration.ofMinutes(45)))).isEmpty();
    }

    @Test
    void quietHoursAreTwoDifferentTimes() {
        assertThat(QuietHours.parse("22:00 - 07:00")).contains(new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)));
        assertThat(QuietHours.parse("07:00-07:00")).isEmpty();
        assertThat(QuietHours.parse("late")).isEmpty();
        assertThat(QuietHours.parse("9:00-10:00")).isEmpty();
        QuietHours day = QuietHours.parse("09:00-17:00").orElseThrow();
        assertThat(day.contains(LocalTime.of(9, 0))).isTrue();
        assertThat(day.contains(LocalTime.of(17, 0))).isFalse();
        assertThat(day.contains(LocalTime.of(3, 0))).isFalse();
    }

    @Test
    void germanText() {
        NotificationRouter de = new NotificationRouter(id -> Optional.empty(), ZoneOffset.UTC,
                Messages.of("desktop", Locale.GERMAN));
        assertThat(de.ring(1, "Haustür", NOON).orElseThrow().title()).isEqualTo("Jemand ist an Haustür");
    }

    @Test
    void switchedOffKindsNotifyNeverAndTheSwitchIsReadAtEachDecision() {
        boolean[] rings = {false};
        boolean[] lost = {false};
        NotificationRouter switched = new NotificationRouter(id -> Optional.empty(), () -> rings[0], () -> lost[0],
                ZoneOffset.UTC, Messages.of("desktop", Locale.ENGLISH));
        assertThat(switched.ring(1, "Front door", NOON)).isEmpty();
        rings[0] = true;
        assertThat(switched.ring(1, "Front door", NOON)).isPresent();

        switched.status(status(2, "Garden", CameraStatus.State.RECONNECTING), NOON);
        assertThat(switched.due(NOON.plus(NotificationRouter.LOST_AFTER))).isEmpty();
        switched.status(status(2, "Garden", CameraStatus.State.RECORDING), NOON.plusSeconds(90));
        lost[0] = true;
        switched.status(status(2, "Garden", CameraStatus.State.RECONNECTING), NOON.plusSeconds(100));
        assertThat(switched.due(NOON.plusSeconds(100).plus(NotificationRouter.LOST_AFTER))).hasSize(1);
    }
}
