package org.doorstep.sim.onvif;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.doorstep.sim.DoorbellEventListener;

/**
 * Turns the virtual doorbell's scene events into ONVIF events: motion into
 * {@code CellMotionDetector/Motion IsMotion}, a ring into the Reolink-style
 * {@code MyRuleDetector/Visitor State=true}, released to false a moment later as the button is.
 * Register with {@code VirtualDoorbell.addListener(new DoorbellOnvifBridge(camera::publish))}.
 */
public final class DoorbellOnvifBridge implements DoorbellEventListener, AutoCloseable {
    public static final Duration DEFAULT_BUTTON_HOLD = Duration.ofSeconds(1);

    private final Consumer<SimEvent> publish;
    private final Duration buttonHold;
    private final ScheduledExecutorService release;

    public DoorbellOnvifBridge(Consumer<SimEvent> publish) {
        this(publish, DEFAULT_BUTTON_HOLD);
    }

    public DoorbellOnvifBridge(Consumer<SimEvent> publish, Duration buttonHold) {
        this.publish = publish;
        this.buttonHold = buttonHold;
        this.release = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "onvif-sim-button");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void onMotion(boolean active, Instant at) {
        publish.accept(SimEvent.motion(at, active));
    }

    @Override
    public void onRing(Instant at) {
        publish.accept(SimEvent.visitor(at, true));
        Instant releasedAt = at.plus(buttonHold);
        try {
            release.schedule(() -> publish.accept(SimEvent.visitor(releasedAt, false)),
                    buttonHold.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed: the doorbell is shutting down, nobody is left to see the release
        }
    }

    @Override
    public void close() {
        release.shutdownNow();
    }
}
