package org.doorstep.ui.export;

import org.doorstep.usecase.player.DoorbellFootage;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.DataDir;
import org.doorstep.ui.common.UiExecutors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export's ViewModel without a stage, over real recorded segments and the real exporter. */
class ExportViewModelTest {
    @TempDir
    static Path dir;
    static Instant[] recorded;
    static App app;

    @BeforeAll
    static void record() throws Exception {
        recorded = DoorbellFootage.record(dir.resolve("data"), 8);
        app = App.open(new DataDir(dir.resolve("data")), "export view model test");
    }

    @AfterAll
    static void close() {
        if (app != null) {
            app.close();
        }
    }

    private final List<Path> opened = new CopyOnWriteArrayList<>();

    private ExportViewModel model(Path folder) {
        return new ExportViewModel(app.player(), UiExecutors.direct(), Messages.of("export", Locale.ENGLISH),
                opened::add, folder, ZoneOffset.UTC);
    }

    @Test
    void exportsTheRangeReportsProgressAndOpensTheFile() throws Exception {
        Path out = Files.createDirectories(dir.resolve("done"));
        ExportViewModel vm = model(out);
        vm.request(DoorbellFootage.CAMERA, recorded[0], recorded[1]);
        assertThat(vm.targetProperty().get().getFileName().toString()).startsWith("Porch_").endsWith(".mp4");
        List<Double> seen = new CopyOnWriteArrayList<>();
        vm.progressProperty().addListener((o, was, now) -> seen.add(now.doubleValue()));

        vm.start();

        assertThat(vm.stateProperty().get()).isEqualTo(ExportViewModel.State.DONE);
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(seen).as("progress climbs in steps to 100 %").hasSizeGreaterThan(1).isSorted().endsWith(1.0);
        Path file = vm.savedProperty().get();
        assertThat(file).exists().hasParent(out);
        assertThat(Files.size(file)).isGreaterThan(10_000);
        assertThat(opened).containsExactly(file);
        assertThat(vm.messageProperty().get()).startsWith("Saved " + file.getFileName());
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactly(file);
        }

        vm.request(DoorbellFootage.CAMERA, recorded[0], recorded[1]);
        vm.targetProperty().set(file);
        vm.start();
        assertThat(vm.messageProperty().get()).as("never overwrites").contains("already exists");
        assertThat(vm.stateProperty().get()).isEqualTo(ExportViewModel.State.READY);
    }

    @Test
    void exportsGoToTheManagedFolderWhichIsMadeOnFirstUseAndTheDialogSaysWhatIsInIt() throws Exception {
        Path managed = ExportViewModel.defaultFolder(app.folder());
        assertThat(managed).isEqualTo(app.folder().resolve("exports"));
        ExportViewModel vm = model(managed);
        vm.request(DoorbellFootage.CAMERA, recorded[0], recorded[1]);
        assertThat(vm.reminderProperty().get()).contains(managed.toString()).contains("unencrypted")
                .contains("retention does not delete");
        assertThat(vm.targetProperty().get().getParent()).isEqualTo(managed);

        vm.start();

        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(ExportViewModel.State.DONE);
        assertThat(vm.savedProperty().get()).exists().hasParent(managed);
        assertThat(vm.reminderProperty().get()).startsWith("One earlier export (");
    }

    @Test
    void cancellingStopsTheExportAndLeavesNoFile() throws Exception {
        Path out = Files.createDirectories(dir.resolve("cancelled"));
        ExportViewModel vm = model(out);
        vm.request(DoorbellFootage.CAMERA, recorded[0], recorded[1]);
        // cancel as soon as the first segment is written: the export is under way, far from done
        vm.progressProperty().addListener((o, was, now) -> {
            if (now.doubleValue() > 0 && now.doubleValue() < 1) {
                vm.cancel();
            }
        });
        vm.start();

        assertThat(vm.stateProperty().get()).isEqualTo(ExportViewModel.State.CANCELLED);
        assertThat(vm.messageProperty().get()).isEqualTo("Export cancelled; nothing was saved.");
        assertThat(opened).isEmpty();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).as("no partial file").isEmpty();
        }
    }

    @Test
    void aRangeWithoutRecordingsFailsWithASentence() throws Exception {
        ExportViewModel vm = model(Files.createDirectories(dir.resolve("nothing")));
        vm.request(DoorbellFootage.CAMERA, recorded[0].minusSeconds(7200), recorded[0].minusSeconds(3600));
        vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(ExportViewModel.State.FAILED);
        assertThat(vm.messageProperty().get()).isNotBlank().doesNotContain("Exception");
        assertThat(opened).isEmpty();
    }

    @Test
    void aFileNameNeverCarriesCharactersThatFileSystemsRefuse() {
        ExportViewModel vm = model(dir);
        assertThat(vm.fileName("Front/door: \"back\"?", Instant.parse("2026-03-01T08:41:05Z")))
                .isEqualTo("Front_door_ _back___2026-03-01_08-41-05.mp4");
    }

    @Test
    void anOpenerThatFailsStillLeavesTheFileAndSaysWhy() throws Exception {
        Path out = Files.createDirectories(dir.resolve("unopened"));
        ExportViewModel vm = new ExportViewModel(app.player(), UiExecutors.direct(),
                Messages.of("export", Locale.ENGLISH), file -> {
                    throw new IllegalStateException("no video player");
                }, out, ZoneOffset.UTC);
        vm.request(DoorbellFootage.CAMERA, recorded[0], recorded[0].plusSeconds(3));
        vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(ExportViewModel.State.DONE);
        assertThat(vm.savedProperty().get()).exists();
        assertThat(vm.messageProperty().get()).contains("could not be opened here: no video player");
    }
}
