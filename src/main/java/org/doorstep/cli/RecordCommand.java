package org.doorstep.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.doorstep.App;
import org.doorstep.i18n.Messages;
import org.doorstep.record.CameraStatus;
import org.doorstep.record.RecordingListener;
import org.doorstep.record.RecordingService;
import org.doorstep.store.DataDir;
import org.doorstep.store.DataDirLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code doorstep record}: records headless until Ctrl+C / SIGTERM (or {@code --duration}); the shutdown hook closes
 * every open segment cleanly before the process exits.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Record the enabled cameras without a window, until stopped (Ctrl+C) or for --duration.")
public final class RecordCommand implements Callable<Integer> {
    @Option(names = "--data-dir", description = "Data folder (default: DOORSTEP_HOME or the usual per-user place).")
    Path dataDir;

    @Option(names = "--duration", description = "Stop after this long, e.g. 90s, 10m, 2h or PT1H.")
    String duration;

    @Option(names = "--camera", description = "Record only this camera (repeatable); default: all enabled cameras.")
    List<String> cameras = new ArrayList<>();

    @Override
    public Integer call() {
        Messages msg = Messages.of("record");
        Duration limit = null;
        if (duration != null) {
            try {
                limit = parseDuration(duration);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
        App app;
        try {
            app = App.open(DataDir.resolveDefault(dataDir), "doorstep record");
        } catch (DataDirLock.HeldElsewhereException e) {
            System.err.println(msg.get("cli.dataDirBusy", e.owner().pid()));
            return 1;
        } catch (Exception e) {
            System.err.println(msg.get("cli.failed", e.getMessage()));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "doorstep-record-shutdown");
        try {
            for (String name : cameras) {
                if (app.cameras().findByName(name).isEmpty()) {
                    System.err.println(msg.get("cli.unknownCamera", name));
                    app.close();
                    return 2;
                }
            }
            java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
            RecordingListener printer = new RecordingListener() {
                @Override
                public void onStatus(CameraStatus s) {
                    if (s.state() != CameraStatus.State.CONNECTING) {
                        System.err.println(s.message());
                    }
                }

                @Override
                public void onSegment(org.doorstep.record.SegmentRow segment) {
                    written.incrementAndGet();
                }
            };
            RecordingService service = app.own(RecordingService.create(app, printer));
            Runtime.getRuntime().addShutdownHook(hook);
            int n = service.start(cameras);
            if (n == 0) {
                System.err.println(msg.get("cli.noCameras"));
                Runtime.getRuntime().removeShutdownHook(hook);
                app.close();
                return 1;
            }
            System.err.println(msg.get("cli.recording", n));
            if (limit == null) {
                stopped.await();
                return 0;
            }
            if (stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return 0;
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            app.close();
            System.err.println(msg.get("cli.stopped", written.get()));
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            System.err.println(msg.get("cli.failed", e.getMessage()));
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down already
            }
            app.close();
            return 1;
        }
    }

    /** 90s, 10m, 2h, 1d or ISO-8601 (PT1H30M). */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            switch (t.charAt(t.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                case 'd': return Duration.ofDays(n);
                default: return Duration.ofSeconds(Long.parseLong(t));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 90s, 10m, 2h or PT1H30M.");
        }
    }
}
