package org.doorstep.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, picture by picture, which clip plays: the idle loop, a visit (scheduled every {@code visitEvery}
 * and on demand, spliced in at the next GOP boundary) or now and then a light change. Records what it played
 * as ground truth and tells listeners when the pictures with the visitor's arrival, the ring and the leaving
 * are sent. Only the pacer thread calls {@link #step(long)}.
 */
final class SceneDirector {
    private static final Logger LOG = LoggerFactory.getLogger(SceneDirector.class);
    /** Light changes at most this often, and only when no scheduled visit would overlap. */
    static final Duration LIGHT_GAP = Duration.ofSeconds(20);

    private final SceneTiming timing;
    private final LongFunction<Instant> instantOfTick;
    private final Duration visitEvery;
    private final Executor events;
    private final List<DoorbellEventListener> listeners;
    private final int arriveFrame;
    private final int leaveFrame;
    private final List<Visit> visits = new CopyOnWriteArrayList<>();
    private final List<LightChange> lightChanges = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Visit>> triggers = new ArrayList<>();

    private ClipKind kind = ClipKind.IDLE;
    private int index = -1;
    private Instant nextScheduled;
    private long lastEventEndTick;

    /** Position of the picture to send: the clip and the frame in it. */
    record Position(ClipKind kind, int frame) { }

    SceneDirector(SceneTiming timing, LongFunction<Instant> instantOfTick, Duration visitEvery, Duration firstVisit,
                  Executor events, List<DoorbellEventListener> listeners) {
        this.timing = timing;
        this.instantOfTick = instantOfTick;
        this.visitEvery = visitEvery == null || visitEvery.isZero() || visitEvery.isNegative() ? null : visitEvery;
        this.events = events;
        this.listeners = listeners;
        this.nextScheduled = this.visitEvery == null ? null : instantOfTick.apply(0).plus(firstVisit);
        int arrive = 0;
        while (arrive < timing.visitFrames() && !PorchScene.visitorVisible(timing, arrive)) {
            arrive++;
        }
        int leave = timing.ringFrame();
        while (leave < timing.visitFrames() && PorchScene.visitorVisible(timing, leave)) {
            leave++;
        }
        this.arriveFrame = arrive;
        this.leaveFrame = leave;
    }

    /** Requests a visit at the next GOP boundary; completes when it has been spliced in. */
    CompletableFuture<Visit> trigger() {
        CompletableFuture<Visit> f = new CompletableFuture<>();
        synchronized (triggers) {
            triggers.add(f);
        }
        return f;
    }

    List<Visit> visits() {
        return List.copyOf(visits);
    }

    List<LightChange> lightChanges() {
        return List.copyOf(lightChanges);
    }

    Position step(long tick) {
        index++;
        Instant now = instantOfTick.apply(tick);
        if (index >= timing.frames(kind)) {
            if (kind != ClipKind.IDLE) {
                lastEventEndTick = tick;
            }
            index = 0;
            if (visitDue(now)) {
                startVisit(tick);
            } else if (lightDue(tick, now)) {
                startLight(tick, now);
            } else {
                kind = ClipKind.IDLE;
            }
        } else if (kind != ClipKind.VISIT && index % timing.gop() == 0 && visitDue(now)) {
            index = 0;
            startVisit(tick);
        } else if (kind == ClipKind.IDLE && index % timing.gop() == 0 && lightDue(tick, now)) {
            // the idle pictures only differ by noise, so a light change may start at any of its IDR pictures
            index = 0;
            startLight(tick, now);
        }
        if (kind == ClipKind.VISIT) {
            fireVisitEvents(tick);
        }
        return new Position(kind, index);
    }

    private boolean visitDue(Instant now) {
        synchronized (triggers) {
            if (!triggers.isEmpty()) {
                return true;
            }
        }
        return nextScheduled != null && !now.isBefore(nextScheduled);
    }

    private boolean lightDue(long tick, Instant now) {
        long gapTicks = LIGHT_GAP.toSeconds() * timing.fps();
        if (tick - lastEventEndTick < gapTicks) {
            return false;
        }
        if (nextScheduled == null) {
            return true;
        }
        Duration margin = Duration.ofMillis((long) (timing.seconds(timing.lightFrames()) * 1000) + 2000);
        return now.plus(margin).isBefore(nextScheduled);
    }

    private void startLight(long tick, Instant now) {
        kind = ClipKind.LIGHT;
        lightChanges.add(new LightChange(now, instantOfTick.apply(tick + timing.lightFrames())));
        LOG.debug("Light change starts at {}", now);
    }

    private void startVisit(long tick) {
        kind = ClipKind.VISIT;
        Visit v = new Visit(instantOfTick.apply(tick + arriveFrame), instantOfTick.apply(tick + timing.ringFrame()),
                instantOfTick.apply(tick + leaveFrame));
        visits.add(v);
        Instant now = instantOfTick.apply(tick);
        if (nextScheduled != null && !now.isBefore(nextScheduled)) {
            do {
                nextScheduled = nextScheduled.plus(visitEvery);
            } while (!nextScheduled.isAfter(now));
        }
        List<CompletableFuture<Visit>> done;
        synchronized (triggers) {
            done = List.copyOf(triggers);
            triggers.clear();
        }
        // no times: in --demo this goes to Doorstep's own log, which must not tell when someone was at the door
        LOG.debug("a visitor is scheduled");
        events.execute(() -> done.forEach(f -> f.complete(v)));
    }

    private void fireVisitEvents(long tick) {
        int frame = index; // the picture of the visit clip being sent, even if the pacer had to skip ahead
        Instant at = instantOfTick.apply(tick);
        if (frame == arriveFrame) {
            events.execute(() -> listeners.forEach(l -> safely(() -> l.onMotion(true, at))));
        } else if (frame == timing.ringFrame()) {
            events.execute(() -> listeners.forEach(l -> safely(() -> l.onRing(at))));
        } else if (frame == leaveFrame) {
            events.execute(() -> listeners.forEach(l -> safely(() -> l.onMotion(false, at))));
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("Doorbell event listener failed", e);
        }
    }
}
