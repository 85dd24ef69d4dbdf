package org.doorstep.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.doorstep.App;
import org.doorstep.store.DataDir;
import org.doorstep.store.SegmentRow;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.timeline.TimelineService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline's ViewModel without a stage, over a real index. */
class TimelineViewModelTest {
    @TempDir
    Path dir;

    @Test
    void loadsTheRowsOfTheVisibleWindowAndNeverTwiceAtOnce() throws Exception {
        try (App app = App.open(new DataDir(dir), "test")) {
            app.catalog().add(new CameraCatalog.ByAddress("Porch", "rtsp://127.0.0.2:1/main", null, null, null, null));
            long id = app.catalog().require("Porch").id();
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
            new org.doorstep.store.SegmentIndex(app.database()).insert(new SegmentRow(0, id, "main",
                    start, start.plusSeconds(60), start, 0L, 1000, "h264", null, 1280, 720, null, "k",
                    "segments/x.dseg"));

            List<Runnable> queued = new ArrayList<>();
            Executor later = queued::add;
            TimelineViewModel vm = new TimelineViewModel(app.timeline(), new UiExecutors(later, Runnable::run));
            assertThat(vm.load(start.minusSeconds(60), start.plusSeconds(120))).isTrue();
            assertThat(vm.load(start.minusSeconds(60), start.plusSeconds(120))).as("still loading").isFalse();
            queued.forEach(Runnable::run);

            List<TimelineService.Row> rows = vm.rowsProperty().get();
            assertThat(rows).extracting(TimelineService.Row::camera).containsExactly("Porch");
            assertThat(rows.get(0).window().recorded()).hasSize(1);
            assertThat(rows.get(0).window().recorded().get(0).start()).isEqualTo(start);
            assertThat(vm.problemProperty().get()).isNull();
            assertThat(vm.load(start, start.plusSeconds(1))).as("free again").isTrue();
        }
    }
}
