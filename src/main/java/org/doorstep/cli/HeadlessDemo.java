package org.doorstep.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.doorstep.common.Messages;
import org.doorstep.common.StopSignal;
import org.doorstep.record.CameraStatus;
import org.doorstep.record.RecordingListener;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;
import org.doorstep.usecase.Doorstep;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.demo.DemoDoorbell;
import org.doorstep.usecase.timeline.TimelineService;
import org.doorstep.usecase.watch.Watch;

/**
 * The demo without a window (a server, a terminal over SSH): the demo doorbell is recorded and analysed exactly as
 * in the window, and what happens is printed as it happens, until Ctrl+C.
 */
final class HeadlessDemo {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);
    private final Doorstep doorstep;
    private final java.nio.file.Path dataDir;
    private final PrintWriter out;
    private final Messages text = Messages.of("cli");
    private final DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    HeadlessDemo(Doorstep doorstep, java.nio.file.Path dataDir, PrintWriter out) {
        this.doorstep = doorstep;
        this.dataDir = dataDir;
        this.out = out;
    }

    /**
     * Runs until Ctrl+C; segments, events and the index are closed before the process may end (the shutdown step
     * waits for the data folder to be released, not just for the watching to stop).
     */
    int run() throws Exception {
        StopSignal stop = new StopSignal(CLOSE_WAIT);
        try (AutoCloseable onCtrlC = doorstep.onShutdown("stop the demo", stop::stopAndWait);
             Workspace workspace = doorstep.open(dataDir, "doorstep --demo")) {
            watch(workspace, stop);
        } finally {
            stop.finished();
        }
        return 0;
    }

    private void watch(Workspace workspace, StopSignal stop) throws Exception {
        say(text.get("demo.headless.start", workspace.folder()));
        int[] last = {-1};
        try (DemoDoorbell.Running demo = workspace.demo().start((done, total) -> {
            int percent = total == 0 ? 100 : done * 100 / total;
            if (percent / 25 != last[0] / 25) {
                last[0] = percent;
                say(text.get("demo.rendering", percent));
            }
        })) {
            String name = demo.camera().name();
            Watch watch = workspace.watch();
            watch.listen(new RecordingListener() {
                @Override
                public void onStatus(CameraStatus status) {
                    say(status.message());
                }

                @Override
                public void onSegment(SegmentRow segment) {
                    say(text.get("demo.segment", clock.format(segment.start()), clock.format(segment.end()),
                            segment.bytes() / 1024));
                }
            });
            watch.start(List.of(name));
            say(text.get("demo.headless.watching", DemoDoorbell.VISIT_EVERY.toSeconds()));
            Set<Long> announced = new HashSet<>();
            while (!stop.await(Duration.ofSeconds(1))) {
                for (TimelineService.Entry entry : workspace.timeline().events(name, null,
                        Instant.now().minusSeconds(600), null, false)) {
                    StoredEvent e = entry.event();
                    if (e.end() != null && announced.add(e.id())) {
                        say(text.get("demo.event." + e.type(), clock.format(e.start()), clock.format(e.end()),
                                e.score()));
                    }
                }
            }
            watch.close();
        }
        say(text.get("demo.headless.stopped"));
    }

    private synchronized void say(String line) {
        out.println(line);
        out.flush();
    }
}
