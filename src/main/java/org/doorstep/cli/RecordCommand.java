package org.doorstep.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.doorstep.App;
import org.doorstep.Services;
import org.doorstep.common.Messages;
import org.doorstep.record.CameraStatus;
import org.doorstep.record.RecordingListener;
import org.doorstep.record.RecordingService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import org.doorstep.common.UserException;
/**
 * {@code doorstep record}: records headless until Ctrl+C / SIGTERM (or {@code --duration}); the shutdown hook closes
 * every open segment cleanly before the process exits.
 */
@Command(name = "record", resourceBundle = "org.doorstep.i18n.cli")
public final class RecordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class, descriptionKey = "record.duration")
    Duration duration;

    @Option(names = "--camera", paramLabel = "NAME", descriptionKey = "record.camera")
    List<String> cameras = new ArrayList<>();

    @Override
    public Integer call() {
        Messages msg = Messages.of("record");
        Duration limit = duration;
        if (limit != null && (limit.isNegative() || limit.isZero())) {
            throw new UserException(Messages.of("cli").get("record.error.duration"), UserException.EXIT_USAGE);
        }
        App app = DoorstepCommand.of(spec).openApp("doorstep record");
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "doorstep-record-shutdown");
        try {
            for (String name : cameras) {
                if (app.cameras().findByName(name).isEmpty()) {
                    err().println(msg.get("cli.unknownCamera", name));
                    app.close();
                    return 2;
                }
            }
            java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
            RecordingListener printer = new RecordingListener() {
                @Override
                public void onStatus(CameraStatus s) {
                    if (s.state() != CameraStatus.State.CONNECTING) {
                        err().println(s.message());
                    }
                }

                @Override
                public void onSegment(org.doorstep.store.SegmentRow row) {
                    written.incrementAndGet();
                }
            };
            Services services = Services.create(app, printer);
            RecordingService service = services.recording();
            Runtime.getRuntime().addShutdownHook(hook);
            int n = services.start(cameras);
            if (n == 0) {
                err().println(msg.get("cli.noCameras"));
                Runtime.getRuntime().removeShutdownHook(hook);
                app.close();
                return 1;
            }
            err().println(msg.get("cli.recording", n));
            if (limit == null) {
                stopped.await();
                return 0;
            }
            if (stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return 0;
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            app.close();
            err().println(msg.get("cli.stopped", written.get()));
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            err().println(msg.get("cli.failed", e.getMessage()));
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down already
            }
            app.close();
            return 1;
        }
    }


    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
