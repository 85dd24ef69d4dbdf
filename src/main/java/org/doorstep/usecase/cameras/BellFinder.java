package org.doorstep.usecase.cameras;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.onvif.AuthMemory;
import org.doorstep.onvif.EventTopics;
import org.doorstep.onvif.OnvifClient;
import org.doorstep.onvif.OnvifEventClient;
import org.doorstep.onvif.OnvifHttp;

/**
 * "Press the bell now": listens to a camera's ONVIF events while the owner presses the button and names the topic
 * that went on and off, so it can be counted as a ring. Motion topics are not buttons; a visitor topic Doorstep
 * already understands is reported as such (nothing needs mapping).
 */
public final class BellFinder {
    private final AddressPolicy policy;
    private final Clock clock;

    public BellFinder(AddressPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** The topic the button reported, and whether Doorstep counts it as a ring without being told. */
    public record Press(String topic, boolean alreadyARing) {}

    /**
     * Waits up to {@code max} for a press; {@code seen} hears every topic that changed (for a "heard: …" line).
     * Empty when nothing pressed in time or the wait was cancelled.
     */
    public Optional<Press> listen(URI onvifUrl, String user, char[] password, Duration max, BooleanSupplier cancelled,
                                  Consumer<String> seen) {
        CompletableFuture<Press> found = new CompletableFuture<>();
        Set<String> on = new HashSet<>();
        try (OnvifHttp http = new OnvifHttp(policy)) {
            OnvifClient client = new OnvifClient(http, onvifUrl, user, password, new AuthMemory(), clock);
            OnvifEventClient events = new OnvifEventClient(client, e -> { }, null).watchTopics(change -> {
                if (change.initial() || change.state() == null || isMotion(change.topic())) {
                    return;
                }
                seen.accept(change.topic());
                if (change.state()) {
                    on.add(change.topic());
                } else if (on.contains(change.topic())) {
                    found.complete(new Press(change.topic(), isBuiltInRing(change.topic())));
                }
            });
            try (OnvifEventClient running = events.start()) {
                long until = System.nanoTime() + max.toNanos();
                while (System.nanoTime() < until && !cancelled.getAsBoolean()) {
                    try {
                        return Optional.of(found.get(200, TimeUnit.MILLISECONDS));
                    } catch (TimeoutException e) {
                        // keep waiting
                    }
                }
                return Optional.empty();
            } catch (ExecutionException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private static boolean isMotion(String topic) {
        String t = EventTopics.normalise(topic);
        return EventTopics.BUILT_IN_MOTION.stream().anyMatch(t::endsWith);
    }

    private static boolean isBuiltInRing(String topic) {
        return EventTopics.normalise(topic).endsWith("MyRuleDetector/Visitor");
    }
}
