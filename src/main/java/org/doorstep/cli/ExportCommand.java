package org.doorstep.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.doorstep.App;
import org.doorstep.i18n.Messages;
import org.doorstep.playback.DecryptingSegmentReader;
import org.doorstep.playback.ExportService;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.record.SegmentFiles;
import org.doorstep.record.SegmentIndex;
import org.doorstep.store.DataDir;
import org.doorstep.store.DataDirLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doorstep export}: a time range of one camera as a standard MP4; Ctrl+C cancels and leaves no file. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export recorded video as an MP4 file.")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--data-dir", description = "Data folder.")
    Path dataDir;

    @Option(names = "--camera", required = true, description = "Camera name.")
    String camera;

    @Option(names = "--from", required = true, converter = TimeConverter.class, description = "Start (ISO-8601 or local).")
    Instant from;

    @Option(names = "--to", required = true, converter = TimeConverter.class, description = "End (ISO-8601 or local).")
    Instant to;

    @Parameters(index = "0", paramLabel = "OUT.mp4", description = "The file to write.")
    Path out;

    @Override
    public Integer call() {
        Messages msg = Messages.of("record");
        if (!to.isAfter(from)) {
            System.err.println(msg.get("cli.badRange"));
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
        try (App app = App.open(DataDir.resolveDefault(dataDir), "doorstep export")) {
            var cam = app.cameras().findByName(camera);
            if (cam.isEmpty()) {
                System.err.println(msg.get("cli.unknownCamera", camera));
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
                    System.err.print("\r" + msg.get("cli.progress", p));
                }
            }, cancel::get);
            System.err.println();
            System.err.println(msg.get("cli.exported", format(r.duration()), out));
            return 0;
        } catch (CancellationException e) {
            System.err.println();
            System.err.println(msg.get("cli.exportCancelled"));
            return 130;
        } catch (ExportService.NothingToExportException e) {
            System.err.println(msg.get("cli.nothingToExport", camera, from, to));
            return 1;
        } catch (DataDirLock.HeldElsewhereException e) {
            System.err.println(msg.get("cli.dataDirBusy", e.owner().pid()));
            return 1;
        } catch (DecryptingSegmentReader.KeyMissingException | DecryptingSegmentReader.DamagedSegmentException e) {
            System.err.println(msg.get("cli.exportFailed", e.getMessage()));
            return 1;
        } catch (Exception e) {
            System.err.println(msg.get("cli.exportFailed", e.getMessage()));
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
}
