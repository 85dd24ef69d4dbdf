package org.doorstep.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.playback.ExportService;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    @Override
    public Integer call() {
        Messages msg = Messages.of("record");
        if (!to.isAfter(from)) {
            err().println(msg.get("cli.badRange"));
            return 2;
        }
        AtomicBoolean cancel = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.set(true);
            try {
                finished.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "doorstep-export-cancel");
        try (App app = DoorstepCommand.of(spec).openApp("doorstep export")) {
            var cam = app.cameras().findByName(camera);
            if (cam.isEmpty()) {
                err().println(msg.get("cli.unknownCamera", camera));
                return 2;
            }
            ExportService export = new ExportService(new SegmentIndex(app.database()), new SegmentFiles(app.dataDir()),
                    new SegmentKeyStore(app.dataDir().keys()));
            Runtime.getRuntime().addShutdownHook(hook);
            int[] lastPercent = {-1};
            ExportService.Result r = export.export(cam.get().id(), from, to, out.toAbsolutePath(), f -> {
                int p = (int) Math.round(f * 100);
                if (p != lastPercent[0]) {
                    lastPercent[0] = p;
                    err().print("\r" + msg.get("cli.progress", p));
                }
            }, cancel::get);
            err().println();
            err().println(msg.get("cli.exported", format(r.duration()), out));
            return 0;
        } catch (CancellationException e) {
            err().println();
            err().println(msg.get("cli.exportCancelled"));
            return 130;
        } catch (ExportService.NothingToExportException e) {
            err().println(msg.get("cli.nothingToExport", camera, from, to));
            return 1;
        } catch (DecryptingSegmentReader.KeyMissingException | DecryptingSegmentReader.DamagedSegmentException e) {
            err().println(msg.get("cli.exportFailed", e.getMessage()));
            return 1;
        } catch (Exception e) {
            err().println(msg.get("cli.exportFailed", e.getMessage()));
            return 1;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException ignored) {
                // shutting down, or never added
            }
        }
    }

    private static String format(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
