package org.doorstep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.doorstep.common.Messages;
import org.doorstep.common.StopSignal;
import org.doorstep.playback.ExportService;
import org.doorstep.usecase.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doorstep export}: a time range of one camera as a standard MP4; Ctrl+C cancels and leaves no file. */
@Command(name = "export", resourceBundle = "org.doorstep.i18n.cli")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--camera", required = true, paramLabel = "NAME", descriptionKey = "export.camera")
    String camera;

    @Option(names = "--from", required = true, paramLabel = "T", converter = TimeConverter.class, descriptionKey = "option.from")
    Instant from;

    @Option(names = "--to", required = true, paramLabel = "T", converter = TimeConverter.class, descriptionKey = "option.to")
    Instant to;

    @Parameters(index = "0", paramLabel = "OUT.mp4", descriptionKey = "export.out")
    Path out;

    @Option(names = "--blur", paramLabel = "\"x,y x,y x,y ...\"", descriptionKey = "export.blur")
    java.util.List<String> blur = new java.util.ArrayList<>();

    @Option(names = "--preset", paramLabel = "quick|evidence|access-request", descriptionKey = "export.preset")
    String preset;

    @Option(names = "--language", paramLabel = "en|de", descriptionKey = "export.language")
    String language;

    @Override
    public Integer call() throws Exception {
        Messages msg = Messages.of("record");
        PrintWriter err = spec.commandLine().getErr();
        DoorstepCommand root = DoorstepCommand.of(spec);
        // Ctrl+C cancels; the shutdown step waits until the half-written file is gone
        StopSignal cancel = new StopSignal(Duration.ofSeconds(10));
        try (AutoCloseable onCtrlC = root.doorstep().onShutdown("cancel export", cancel::stopAndWait);
             Workspace workspace = root.open("doorstep export")) {
            java.util.List<org.doorstep.motion.MotionMask.Polygon> regions =
                    org.doorstep.usecase.cameras.PolygonText.parseAll(blur);
            org.doorstep.usecase.player.ExportPreset chosen = preset == null ? null
                    : org.doorstep.usecase.player.ExportPreset.byName(preset).orElseThrow(() ->
                            new org.doorstep.common.UserException(Messages.of("presets").get("error.unknownPreset",
                                    preset), org.doorstep.common.UserException.EXIT_USAGE));
            boolean accessRequest = !regions.isEmpty()
                    || chosen == org.doorstep.usecase.player.ExportPreset.ACCESS_REQUEST;
            root.unlockFor(workspace, accessRequest ? org.doorstep.usecase.lock.AppLock.Access.ACCESS_REQUEST
                    : org.doorstep.usecase.lock.AppLock.Access.EXPORT);
            int[] lastPercent = {-1};
            Path file = root.resolve(out);
            org.doorstep.usecase.player.PlayerService.Progress progress = f -> {
                int p = (int) Math.round(f * 100);
                if (p != lastPercent[0]) {
                    lastPercent[0] = p;
                    err.print("\r" + msg.get("cli.progress", p));
                }
            };
            ExportService.Result r;
            org.doorstep.usecase.player.PresetExports.Outcome outcome = null;
            if (chosen == null) {
                r = workspace.player().export(camera, from, to, file, progress, cancel::stopped, regions);
            } else {
                java.util.Locale sheetLanguage = language == null ? java.util.Locale.getDefault()
                        : java.util.Locale.forLanguageTag(language);
                outcome = workspace.presetExports().export(new org.doorstep.usecase.player.PresetExports.Request(
                        camera, from, to, file, chosen, regions, sheetLanguage), progress, cancel::stopped);
                r = outcome.video();
            }
            err.println();
            err.println(msg.get("cli.exported", format(r.duration()), file));
            if (outcome != null) {
                Messages presets = Messages.of("presets");
                for (Path extra : outcome.files().subList(1, outcome.files().size())) {
                    err.println(presets.get("cli.written", extra));
                }
                if (outcome.sha256() != null) {
                    err.println(presets.get("cli.sha256", outcome.sha256()));
                }
            }
            Messages damage = Messages.of("damage");
            java.time.format.DateTimeFormatter clock = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                    .withZone(java.time.ZoneId.systemDefault());
            for (ExportService.Damaged d : r.damaged()) {
                err.println(damage.get("damaged.cli", clock.format(d.from()), clock.format(d.to())));
            }
            return 0;
        } catch (CancellationException e) {
            err.println();
            err.println(msg.get("cli.exportCancelled"));
            return 130;
        } finally {
            cancel.finished();
        }
    }

    private static String format(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
