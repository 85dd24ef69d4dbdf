package org.doorstep.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.doorstep.record.CameraStatus;
import org.doorstep.record.RecordingListener;
import org.doorstep.usecase.desktop.Notification;
import org.doorstep.usecase.desktop.NotificationSettings;
import org.doorstep.usecase.desktop.QuietHours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The glue between the recorder, the menu model, the router and the tray, with a recording fake tray. */
class TrayControllerTest {
    @TempDir
    Path dir;

    private final AtomicReference<RecordingListener> listener = new AtomicReference<>();
    private final AtomicReference<LongConsumer> ring = new AtomicReference<>();
    private final List<TrayMenuModel.State> shown = new ArrayList<>();
    private final List<Notification> notified = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private boolean closed;
    private Instant now = Instant.parse("2026-11-30T12:00:00Z");

    private final TrayController.Surface surface = new TrayController.Surface() {
        @Override
        public void show(TrayMenuModel.State state) {
            shown.add(state);
        }

        @Override
        public void notify(Notification notification) {
            notified.add(notification);
        }

        @Override
        public void message(String title, String body) {
            messages.add(title);
        }

        @Override
        public void close() {
            closed = true;
        }
    };

    private TrayController start(NotificationSettings settings, List<CameraStatus> initial) {
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        TrayController.Feeds feeds = new TrayController.Feeds(() -> initial, l -> {
            listener.set(l);
            return () -> listener.set(null);
        }, r -> {
            ring.set(r);
            return () -> ring.set(null);
        });
        return TrayController.start(feeds, settings, Locale.ENGLISH, clock, state -> {
            shown.add(state);
            return Optional.of(surface);
        }, false).orElseThrow();
    }

    private static CameraStatus status(long id, String name, CameraStatus.State state) {
        return new CameraStatus(id, name, "main", state, null, null, Instant.EPOCH, 0, 0);
    }

    @Test
    void followsTheRecorderIntoTheMenuAndRingsIntoNotifications() throws Exception {
        TrayController tray = start(new NotificationSettings(dir.resolve("n.json")),
                List.of(status(1, "Front door", CameraStatus.State.RECORDING)));
        assertThat(shown.get(0).item(TrayMenuModel.STATUS).label()).isEqualTo("Recording 1 camera");

        listener.get().onStatus(status(2, "Garden", CameraStatus.State.RECORDING));
        assertThat(shown.get(shown.size() - 1).item(TrayMenuModel.STATUS).label()).isEqualTo("Recording 2 cameras");

        ring.get().accept(1);
        assertThat(notified).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notification.Kind.RING);
            assertThat(n.camera()).isEqualTo("Front door");
        });

        tray.windowClosed();
        tray.windowClosed();
        assertThat(messages).containsExactly("Doorstep is still recording");

        tray.close();
        assertThat(closed).isTrue();
        assertThat(listener.get()).isNull();
        assertThat(ring.get()).isNull();
    }

    @Test
    void aLostCameraIsToldAfterAMinuteAndQuietHoursSilenceRings() {
        NotificationSettings settings = new NotificationSettings(dir.resolve("n.json"));
        settings.setQuietHours(1, QuietHours.parse("11:00-13:00").orElseThrow());
        TrayController tray = start(settings, List.of());
        ring.get().accept(1);
        assertThat(notified).isEmpty();

        listener.get().onStatus(status(2, "Garden", CameraStatus.State.RECONNECTING));
        assertThat(shown.get(shown.size() - 1).problem()).isTrue();
        now = now.plusSeconds(30);
        tray.checkLost();
        assertThat(notified).isEmpty();
        now = now.plus(Duration.ofSeconds(40));
        tray.checkLost();
        assertThat(notified).singleElement().satisfies(n -> assertThat(n.title()).isEqualTo("Garden is not recording"));
    }
}
