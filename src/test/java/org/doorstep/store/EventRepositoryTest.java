package org.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventRepositoryTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void eventsLeftOpenByACrashAreClosedWhereTheyBegan() throws Exception {
        Instant t0 = Instant.parse("2026-11-27T08:00:00Z");
        try (Database db = Database.open(new DataDir(dir).create())) {
            long cam = new CameraRepository(db).insert(
                    Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null)).id();
            EventRepository events = new EventRepository(db);
            events.insert(new StoredEvent(0, cam, StoredEvent.MOTION, t0, null, 0, null, null, null));
            events.insert(new StoredEvent(0, cam, StoredEvent.RING, t0.plusSeconds(5), t0.plusSeconds(6), 0, null, null,
                    null));
            assertThat(events.closeDangling()).isEqualTo(1);
            assertThat(events.find(cam, null, null, null)).extracting(StoredEvent::end)
                    .containsExactly(t0, t0.plusSeconds(6));
            assertThat(events.closeDangling()).isZero();
        }
    }
}
