package org.doorstep.sim.onvif;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PullPoint subscriptions of the simulated camera: each has a bounded queue (oldest messages
 * dropped when a slow client falls behind) and a termination time on the camera clock.
 */
final class PullPointSubscriptions {
    static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    static final Duration MAX_TTL = Duration.ofHours(1);

    /** One message as a subscriber sees it; time is on the camera clock. */
    record Notification(SimEvent event, Instant cameraTime, String propertyOperation) {}

    final class Subscription {
        final String id;
        private final ArrayDeque<Notification> queue = new ArrayDeque<>();
        private Instant termination;
        private boolean closed;
        private long pullGeneration;

        private Subscription(String id, Instant termination) {
            this.id = id;
            this.termination = termination;
        }

        synchronized Instant termination() {
            return termination;
        }

        synchronized void renew(Instant newTermination) {
            termination = newTermination;
        }

        synchronized boolean isLive(Instant now) {
            return !closed && now.isBefore(termination);
        }

        synchronized void offer(Notification n) {
            if (closed) {
                return;
            }
            if (queue.size() >= queueCapacity) {
                queue.pollFirst();
            }
            queue.addLast(n);
            notifyAll();
        }

        synchronized void close() {
            closed = true;
            queue.clear();
            notifyAll();
        }

        /**
         * Waits up to {@code timeout} for at least one message, then takes up to {@code limit}.
         * A newer PullMessages on the same subscription supersedes a waiting one (which then
         * returns empty), so a client that gave up on a request is not locked out.
         */
        synchronized List<Notification> pull(Duration timeout, int limit) throws InterruptedException {
            long mine = ++pullGeneration;
            notifyAll();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (queue.isEmpty() && !closed && pullGeneration == mine) {
                long leftMs = Math.min((deadline - System.nanoTime()) / 1_000_000,
                        Duration.between(cameraClock.instant(), termination).toMillis());
                if (leftMs <= 0) {
                    break;
                }
                wait(leftMs);
            }
            List<Notification> out = new ArrayList<>();
            while (pullGeneration == mine && !queue.isEmpty() && out.size() < limit) {
                out.add(queue.pollFirst());
            }
            return out;
        }
    }

    private final Clock cameraClock;
    private final Duration skew;
    private final int maxSubscriptions;
    private final int queueCapacity;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Last state per topic, replayed as "Initialized" messages to new subscribers (as real cameras do). */
    private final Map<String, SimEvent> lastState = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    PullPointSubscriptions(Clock cameraClock, Duration skew, int maxSubscriptions, int queueCapacity) {
        this.cameraClock = cameraClock;
        this.skew = skew;
        this.maxSubscriptions = maxSubscriptions;
        this.queueCapacity = queueCapacity;
        Instant now = cameraClock.instant().minus(skew);
        lastState.put(SimEvent.MOTION_TOPIC, SimEvent.motion(now, false));
        lastState.put(SimEvent.VISITOR_TOPIC, SimEvent.visitor(now, false));
    }

    Subscription create(Instant termination) throws SoapFault {
        sweep();
        if (subscriptions.size() >= maxSubscriptions) {
            throw SoapFault.receiver("Too many subscriptions", "ter:Action", "ter:TooManySubscriptions");
        }
        byte[] idBytes = new byte[12];
        random.nextBytes(idBytes);
        Subscription s = new Subscription(HexFormat.of().formatHex(idBytes), termination);
        subscriptions.put(s.id, s);
        synchronizationPoint(s);
        return s;
    }

    /** The live subscription with this id, or null when unknown, unsubscribed or expired. */
    Subscription get(String id) {
        Subscription s = subscriptions.get(id);
        if (s == null) {
            return null;
        }
        if (!s.isLive(cameraClock.instant())) {
            remove(s);
            return null;
        }
        return s;
    }

    void remove(Subscription s) {
        subscriptions.remove(s.id, s);
        s.close();
    }

    /** Queues the current state of every topic as "Initialized" messages. */
    void synchronizationPoint(Subscription s) {
        List<SimEvent> states;
        synchronized (lastState) {
            states = new ArrayList<>(lastState.values());
        }
        for (SimEvent e : states) {
            s.offer(new Notification(e, e.time().plus(skew), "Initialized"));
        }
    }

    void publish(SimEvent e) {
        synchronized (lastState) {
            lastState.put(e.topic(), e);
        }
        Notification n = new Notification(e, e.time().plus(skew), "Changed");
        for (Subscription s : subscriptions.values()) {
            s.offer(n);
        }
        sweep();
    }

    void sweep() {
        Instant now = cameraClock.instant();
        for (Subscription s : subscriptions.values()) {
            if (!s.isLive(now)) {
                remove(s);
            }
        }
    }

    int size() {
        return subscriptions.size();
    }

    void closeAll() {
        for (Subscription s : subscriptions.values()) {
            remove(s);
        }
    }
}
