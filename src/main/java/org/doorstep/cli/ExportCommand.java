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
            root.unlockFor(workspace, regions.isEmpty() ? org.doorstep.usecase.lock.AppLock.Access.EXPORT
                    : org.doorstep.usecase.lock.AppLock.Access.ACCESS_REQUEST);
            int[] lastPercent = {-1};
            Path file = root.resolve(out);
            ExportService.Result r = workspace.player().export(camera, from, to, file, f -> {
                int p = (int) Math.round(f * 100);
                if (p != lastPercent[0]) {
                    lastPercent[0] = p;
                    err.print("\r" + msg.get("cli.progress", p));
                }
            }, cancel::stopped, regions);
            err.println();
            err.println(msg.get("cli.exported", format(r.duration()), file));
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
