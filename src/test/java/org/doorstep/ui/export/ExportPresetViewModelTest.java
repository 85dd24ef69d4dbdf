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
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.DataDir;
import org.doorstep.ui.common.MaskEditorModel;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.player.ExportPreset;
import org.doorstep.usecase.player.PresetExports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export's presets in the ViewModel, without a stage: choice, file names, validation, a real preset export. */
class ExportPresetViewModelTest {
    @TempDir
    static Path dir;
    static Instant[] recorded;
    static App app;

    @BeforeAll
    static void record() throws Exception {
        recorded = DoorbellFootage.record(dir.resolve("data"), 5);
        app = App.open(new DataDir(dir.resolve("data")), "preset view model test");
    }

    @AfterAll
    static void close() {
        if (app != null) {
            app.close();
        }
    }

    private final List<Path> opened = new CopyOnWriteArrayList<>();

    private ExportViewModel model(Path folder, Locale locale) {
        return new ExportViewModel(app.player(), app.presetExports(), UiExecutors.direct(),
                Messages.of("export", locale), opened::add, folder, ZoneOffset.UTC);
    }

    @Test
    void theQuickClipIsTheDefaultAndTheFileNameFollowsThePreset() {
        ExportViewModel vm = model(dir.resolve("names"), Locale.ENGLISH);
        vm.request(DoorbellFootage.CAMERA, Instant.parse("2026-03-01T08:41:05Z"), Instant.parse("2026-03-01T08:42:05Z"));
        assertThat(vm.presetsOffered()).isTrue();
        assertThat(vm.presetProperty().get()).isEqualTo(ExportPreset.QUICK);
        assertThat(vm.targetProperty().get().getFileName()).hasToString("Porch_2026-03-01_08-41-05.mp4");
        assertThat(vm.extraFilesProperty().get()).isNull();
        assertThat(vm.problemProperty().get()).isNull();

        vm.presetProperty().set(ExportPreset.EVIDENCE);
        assertThat(vm.targetProperty().get().getFileName()).hasToString("Porch_2026-03-01_08-41-05_evidence.mp4");
        assertThat(vm.extraFilesProperty().get())
                .isEqualTo("Also writes Porch_2026-03-01_08-41-05_evidence.mp4.sha256, Porch_2026-03-01_08-41-05_evidence.pdf");
        assertThat(vm.problemProperty().get()).as("evidence needs nothing more").isNull();
        assertThat(vm.sheetLanguageProperty().get()).isEqualTo(Locale.ENGLISH);

        vm.targetProperty().set(dir.resolve("names").resolve("mine.mp4"));
        vm.presetProperty().set(ExportPreset.ACCESS_REQUEST);
        assertThat(vm.targetProperty().get().getFileName()).as("a name the person chose stays").hasToString("mine.mp4");
        assertThat(vm.extraFilesProperty().get()).isEqualTo("Also writes mine.pdf");
    }

    @Test
    void anAccessRequestNeedsRegionsOrTheConfirmationThatNobodyElseIsVisible() {
        ExportViewModel vm = model(dir.resolve("validation"), Locale.GERMAN);
        vm.request(DoorbellFootage.CAMERA, recorded[0], recorded[1]);
        assertThat(vm.sheetLanguageProperty().get()).isEqualTo(Locale.GERMAN);
        assertThat(vm.stillProperty().get()).as("a still of the range to draw on").isNotNull();
        vm.presetProperty().set(ExportPreset.ACCESS_REQUEST);
        assertThat(vm.problemProperty().get()).startsWith("Über jede andere Person einen Bereich zeichnen");

        vm.start();
        assertThat(vm.stateProperty().get()).as("refused").isEqualTo(ExportViewModel.State.READY);
        assertThat(vm.messageProperty().get()).isEqualTo(vm.problemProperty().get());

        MaskEditorModel regions = vm.blurRegions();
        regions.click(0.1, 0.1, 0.01, 0.01);
        regions.click(0.4, 0.1, 0.01, 0.01);
        regions.click(0.4, 0.9, 0.01, 0.01);
        assertThat(vm.problemProperty().get()).as("a region being drawn").startsWith("Erst den angefangenen Bereich");
        assertThat(regions.closeDraft()).isTrue();
        assertThat(vm.blurCount()).isEqualTo(1);
        assertThat(vm.problemProperty().get()).isNull();

        regions.select(0, -1);
        regions.deleteSelected();
        assertThat(vm.problemProperty().get()).isNotNull();
        vm.nobodyElseProperty().set(true);
        assertThat(vm.problemProperty().get()).as("confirmed: nobody else visible").isNull();

        vm.presetProperty().set(ExportPreset.QUICK);
        vm.nobodyElseProperty().set(false);
        assertThat(vm.problemProperty().get()).as("only the access request asks").isNull();
    }

    @Test
    void anAccessRequestFromTheViewModelWritesTheBlurredVideoAndTheSheet() throws Exception {
        Path folder = dir.resolve("request");
        ExportViewModel vm = model(folder, Locale.ENGLISH);
        vm.request(DoorbellFootage.CAMERA, recorded[0], recorded[1]);
        vm.presetProperty().set(ExportPreset.ACCESS_REQUEST);
        vm.sheetLanguageProperty().set(Locale.GERMAN);
        MaskEditorModel regions = vm.blurRegions();
        for (double[] p : new double[][] {{0.5, 0}, {1, 0}, {1, 1}, {0.5, 1}}) {
            regions.click(p[0], p[1], 0.001, 0.001);
        }
        regions.closeDraft();
        assertThat(vm.problemProperty().get()).isNull();

        vm.start();

        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(ExportViewModel.State.DONE);
        Path video = vm.savedProperty().get();
        Path sheet = PresetExports.sheetFor(video);
        assertThat(video).exists().hasParent(folder);
        assertThat(sheet).exists();
        assertThat(vm.messageProperty().get()).startsWith("Saved " + video.getFileName()).endsWith(
                "with " + sheet.getFileName() + ".");
        assertThat(opened).containsExactly(video);
        assertThat(app.audit().entries(null, null)).anySatisfy(r -> assertThat(r.detail())
                .contains("preset=access-request", sheet.getFileName().toString()));

        vm.request(DoorbellFootage.CAMERA, recorded[0], recorded[1]);
        vm.presetProperty().set(ExportPreset.ACCESS_REQUEST);
        vm.nobodyElseProperty().set(true);
        vm.targetProperty().set(folder.resolve("other.mp4"));
        Files.writeString(PresetExports.sheetFor(folder.resolve("other.mp4")), "taken");
        vm.start();
        assertThat(vm.messageProperty().get()).as("the sheet's name is taken").contains("other.pdf already exists");
        assertThat(folder.resolve("other.mp4")).doesNotExist();
    }
}
