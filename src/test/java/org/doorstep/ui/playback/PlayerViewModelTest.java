package org.doorstep.ui.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.media.FrameTarget;
import org.doorstep.media.Size;
import org.doorstep.playback.RecordedFootage;
import org.doorstep.store.DataDir;
import org.doorstep.ui.common.UiExecutors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The player's ViewModel over real encrypted footage, without a stage. */
class PlayerViewModelTest {
    static final Instant T0 = Instant.parse("2026-11-30T14:03:00Z");

    @TempDir
    Path dir;
    App app;
    PlayerViewModel model;
    final CountingTarget target = new CountingTarget();

    /** A frame target that counts published frames. */
    static final class CountingTarget implements FrameTarget {
        final AtomicInteger published = new AtomicInteger();
        volatile int width;

        @Override
        public Size wanted() {
            return new Size(160, 120);
        }

        @Override
        public ByteBuffer acquire(int w, int h) {
            width = w;
            return ByteBuffer.allocateDirect(w * h * 4);
        }

        @Override
        public void publish() {
            published.incrementAndGet();
        }
    }

    @BeforeEach
    void footage() throws Exception {
        app = App.open(new DataDir(dir.resolve("data")), "test");
        RecordedFootage footage = new RecordedFootage(app, dir.resolve("work"));
        long cam = footage.camera("Front door");
        footage.store(cam, T0, footage.encode(0, 50, 10, 1.0));
        footage.store(cam, T0.plusSeconds(20), footage.encode(200, 20, 10, 1.0));
        model = new PlayerViewModel(app.player(), UiExecutors.direct(), Messages.of("player", Locale.ENGLISH),
                ZoneOffset.UTC);
        model.sound(false);
    }

    @AfterEach
    void close() {
        model.close();
        app.close();
    }

    @Test
    void opensPausedOnTheInstantAndSteps() {
        model.open(List.of("Front door"), T0.plusSeconds(2), c -> target);
        await().atMost(10, TimeUnit.SECONDS).until(() -> T0.plusSeconds(2).equals(model.shownAt("Front door")));
        assertThat(model.playingProperty().get()).isFalse();
        assertThat(model.timeTextProperty().get()).isEqualTo("2026-11-30 14:03:02  1×");
        assertThat(target.published.get()).isPositive();
        assertThat(target.width).isEqualTo(160);
        model.stepForward();
        await().atMost(10, TimeUnit.SECONDS).until(() -> T0.plusMillis(2100).equals(model.shownAt("Front door")));
        model.stepBack();
        await().atMost(10, TimeUnit.SECONDS).until(() -> T0.plusMillis(2000).equals(model.shownAt("Front door")));
    }

    @Test
    void playsPausesAndChangesSpeedWithJKL() {
        model.open(List.of("Front door"), T0, c -> target);
        model.togglePlay();
        assertThat(model.playingProperty().get()).isTrue();
        model.faster();
        assertThat(model.speedProperty().get()).isEqualTo(2.0);
        assertThat(model.timeTextProperty().get()).endsWith("2×");
        model.slower();
        model.slower();
        assertThat(model.speedProperty().get()).isEqualTo(0.5);
        model.pause();
        assertThat(model.playingProperty().get()).isFalse();
    }

    @Test
    void aGapShowsNoRecordingAndPlayingSkipsIt() {
        model.open(List.of("Front door"), T0.plusSeconds(10), c -> target);
        await().atMost(10, TimeUnit.SECONDS).until(() -> model.noRecording().contains("Front door"));
        model.togglePlay();
        await().atMost(10, TimeUnit.SECONDS).until(() -> !model.noRecording().contains("Front door"));
        assertThat(model.noticeProperty().get()).startsWith("Nothing was recorded for ");
        assertThat(model.shownAt("Front door")).isAfterOrEqualTo(T0.plusSeconds(20));
    }

    @Test
    void savesAStillAndSaysWhere() throws Exception {
        model.open(List.of("Front door"), T0.plusSeconds(1), c -> target);
        await().atMost(10, TimeUnit.SECONDS).until(() -> T0.plusSeconds(1).equals(model.shownAt("Front door")));
        model.saveStill(null);
        assertThat(model.noticeProperty().get()).startsWith("Saved Front door 2026-11-30 14.03.01.png in ");
        Path folder = Path.of(model.noticeProperty().get().substring(
                "Saved Front door 2026-11-30 14.03.01.png in ".length()));
        assertThat(Files.exists(folder.resolve("Front door 2026-11-30 14.03.01.png"))).isTrue();
        Files.delete(folder.resolve("Front door 2026-11-30 14.03.01.png"));
    }

    @Test
    void anUnknownCameraIsASentence() {
        model.open(List.of("Nowhere"), T0, c -> target);
        assertThat(model.openProperty().get()).isFalse();
        assertThat(model.noticeProperty().get()).contains("Nowhere");
    }
}
