package org.doorstep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.doorstep.App;
import org.doorstep.DemoSetup;
import org.doorstep.Services;
import org.doorstep.common.Messages;
import org.doorstep.record.CameraStatus;
import org.doorstep.record.RecordingListener;
import org.doorstep.store.SegmentRow;
import org.doorstep.sim.DemoCamera;
import org.doorstep.store.Camera;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;

/**
 * The demo without a window (a server, a terminal over SSH): the demo doorbell is recorded and analysed
 * exactly as in the window, and what happens is printed as it happens, until Ctrl+C.
 */
public final class HeadlessDemo {
    private final App app;
    private final PrintWriter out;
    private final Messages text = Messages.of("cli");
    private final DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    public HeadlessDemo(App app, PrintWriter out) {
        this.app = app;
        this.out = out;
    }

    /** Runs until {@code stop} is counted down (the shutdown hook does that on Ctrl+C). */
    public void run(CountDownLatch stop) throws IOException, SQLException, InterruptedException {
        out.println(text.get("demo.headless.start", app.dataDir().root()));
        out.flush();
        int[] last = {-1};
        try (DemoCamera doorbell = DemoSetup.startDoorbell(app, (done, total) -> {
            int percent = total == 0 ? 100 : done * 100 / total;
            if (percent / 25 != last[0] / 25) {
                last[0] = percent;
                out.println(text.get("demo.rendering", percent));
                out.flush();
            }
        })) {
            Camera camera = DemoSetup.registerCamera(app, doorbell);
            Services services = Services.create(app, new RecordingListener() {
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
            services.start(List.of(camera.name()));
            say(text.get("demo.headless.watching", DemoSetup.VISIT_EVERY.toSeconds()));
            EventRepository events = new EventRepository(app.database());
            java.util.Set<Long> announced = new java.util.HashSet<>();
            while (!stop.await(1, TimeUnit.SECONDS)) {
                for (StoredEvent e : events.find(camera.id(), null, Instant.now().minusSeconds(600), null)) {
                    if (e.end() != null && announced.add(e.id())) {
                        say(text.get("demo.event." + e.type(), clock.format(e.start()), clock.format(e.end()), e.score()));
                    }
                }
            }
            services.close();
        }
        say(text.get("demo.headless.stopped"));
    }

    private synchronized void say(String line) {
        out.println(line);
        out.flush();
    }
}
