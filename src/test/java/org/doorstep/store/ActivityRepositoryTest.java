package org.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00.123Z");

    @TempDir
    Path dir;

    @Test
    void activityOfTheSameMinuteKeepsTheLouderSecond() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            long cam = new CameraRepository(db).insert(
                    Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null)).id();
            ActivityRepository activity = new ActivityRepository(db);
            Instant minute = T0.truncatedTo(ChronoUnit.MINUTES);
            byte[] first = new byte[60];
            first[1] = 50;
            first[2] = 10;
            byte[] second = new byte[60];
            second[2] = 70;
            activity.merge(cam, minute.plusSeconds(30), first);
            activity.merge(cam, minute, second);
            assertThat(activity.levels(cam, minute, minute.plusSeconds(60)))
                    .containsOnlyKeys(minute.plusSeconds(1), minute.plusSeconds(2))
                    .containsEntry(minute.plusSeconds(1), 50)
                    .containsEntry(minute.plusSeconds(2), 70);
        }
    }
}
