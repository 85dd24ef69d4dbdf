package org.doorstep.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.doorstep.common.Messages;
import org.doorstep.common.StopSignal;
import org.doorstep.common.UserException;
import org.doorstep.record.CameraStatus;
import org.doorstep.record.RecordingListener;
import org.doorstep.store.SegmentRow;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.watch.Watch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep record}: records headless until Ctrl+C / SIGTERM (or {@code --duration}); on Ctrl+C every open
 * segment is closed cleanly before the process exits.
 */
@Command(name = "record", resourceBundle = "org.doorstep.i18n.cli")
public final class RecordCommand implements Callable<Integer> {
    /** How long Ctrl+C waits for segments to close before the process ends anyway. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class, descriptionKey = "record.duration")
    Duration duration;

    @Option(names = "--camera", paramLabel = "NAME", descriptionKey = "record.camera")
    List<String> cameras = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Messages msg = Messages.of("record");
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new UserException(Messages.of("cli").get("record.error.duration"), UserException.EXIT_USAGE);
        }
        DoorstepCommand root = DoorstepCommand.of(spec);
        PrintWriter err = spec.commandLine().getErr();
        StopSignal stop = new StopSignal(CLOSE_WAIT);
        AtomicLong written = new AtomicLong();
        RecordingListener printer = new RecordingListener() {
            @Override
            public void onStatus(CameraStatus s) {
                if (s.state() != CameraStatus.State.CONNECTING) {
                    err.println(s.message());
                }
            }

            @Override
            public void onSegment(SegmentRow row) {
                written.incrementAndGet();
            }
        };
        try (AutoCloseable onCtrlC = root.doorstep().onShutdown("stop recording", stop::stopAndWait)) {
            boolean byLimit;
            try (Workspace workspace = root.open("doorstep record");
                 AutoCloseable serving = root.doorstep().serve(workspace, null)) {
                Watch watch = workspace.watch();
                watch.listen(printer);
                int n = watch.start(cameras);
                if (n == 0) {
                    err.println(msg.get("cli.noCameras"));
                    return 1;
                }
                err.println(msg.get("cli.recording", n));
                if (duration == null) {
                    stop.await();
                    byLimit = false;
                } else {
                    byLimit = !stop.await(duration);
                }
            } finally {
                stop.finished();
            }
            if (byLimit) {
                err.println(msg.get("cli.stopped", written.get()));
            }
            return 0;
        }
    }
}
