package org.doorstep.events;

import org.doorstep.common.Threads;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.doorstep.common.Messages;
import org.doorstep.privacy.ThumbnailSink;
import org.doorstep.privacy.CredentialVault;
import org.doorstep.common.Redact;
import org.doorstep.store.Camera;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.doorstep.onvif.AddressNotAllowedException;
import org.doorstep.onvif.AuthMemory;
import org.doorstep.onvif.CameraEvent;
import org.doorstep.onvif.MediaProfile;
import org.doorstep.onvif.OnvifAuthException;
import org.doorstep.onvif.OnvifClient;
import org.doorstep.onvif.OnvifEventClient;
import org.doorstep.onvif.OnvifException;
import org.doorstep.onvif.OnvifFaultException;
import org.doorstep.onvif.OnvifHttp;
import org.doorstep.onvif.OnvifTimeoutException;
/**
 * The cameras' own events on the timeline: for every enabled camera with an ONVIF address, a PullPoint
 * subscription ({@link OnvifEventClient}: renew, reconnect, clock offset). A bell press becomes a {@code ring}
 * event with a snapshot taken the moment the press arrives; the camera's own motion detector becomes
 * {@code camera-motion} events. Current-state reports sent right after subscribing never create events.
 *
 * <p>Each camera has one worker thread that handles its events in order, so a slow snapshot delays only
 * that camera's later events (whose times come from the camera, so they stay right).
 *
 * <p>Wiring (App closes in reverse order, so the HTTP client outlives the service and it can unsubscribe):
 * <pre>{@code
 * OnvifHttp http = app.own(new OnvifHttp(AddressPolicy.lanOnly()));
 * CameraEventService cameraEvents = app.own(new CameraEventService(new EventRepository(app.database()),
 *         app.vault(), http, new AuthMemory(), thumbnailSink, Clock.systemUTC()));
 * cameraEvents.addStatusListener(status -> ...);   // UI: hop to the FX thread
 * cameraEvents.startAll(app.cameras().all());      // start(camera) / stop(id) when cameras change
 * }</pre>
 */
public final class CameraEventService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraEventService.class);
    static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Set<String> NOT_SUPPORTED = Set.of("ActionNotSupported", "ActionNotSupportedFault",
            "NotImplemented", "InvalidAction", "EndpointUnavailable");

    /** Where a camera's event subscription stands. */
    public enum State { CONNECTING, SUBSCRIBED, NO_EVENTS, AUTH_FAILED, UNREACHABLE, FAILED, STOPPED }

    /** A camera's event status; {@code message} is a sentence for the shop owner (bundle "onvif"). */
    public record Status(long cameraId, State state, Instant since, String message) {}

    /** Told about every status change, on the camera's event thread (the UI must hop to its own thread). */
    public interface StatusListener {
        void statusChanged(Status status);
    }

    private final EventRepository events;
    private final CredentialVault vault;
    private final OnvifHttp http;
    private final AuthMemory authMemory;
    private final ThumbnailSink thumbnails;
    private final Clock clock;
    private final Messages messages = Messages.of("onvif");
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.LongConsumer> ringListeners = new CopyOnWriteArrayList<>();
    private final Map<Long, Watch> watches = new ConcurrentHashMap<>();

    /**
     * @param http       the caller's ONVIF HTTP client (its {@link AddressPolicy} applies; the caller closes it)
     * @param authMemory which auth style worked per device, shared with camera setup
     * @param thumbnails where ring snapshots go (the app's encrypted store); null for none
     */
    public CameraEventService(EventRepository events, CredentialVault vault, OnvifHttp http, AuthMemory authMemory,
            ThumbnailSink thumbnails, Clock clock) {
        this.events = events;
        this.vault = vault;
        this.http = http;
        this.authMemory = authMemory;
        this.thumbnails = thumbnails;
        this.clock = clock;
    }

    public void addStatusListener(StatusListener l) {
        listeners.add(l);
    }

    public void removeStatusListener(StatusListener l) {
        listeners.remove(l);
    }

    /**
     * Tells {@code cameraId} of each doorbell press as it comes in, before its snapshot is fetched (the window
     * flashes the tile at once), on the camera's event thread; until the returned handle is closed.
     */
    public AutoCloseable addRingListener(java.util.function.LongConsumer cameraId) {
        ringListeners.add(cameraId);
        return () -> ringListeners.remove(cameraId);
    }

    /** Starts every enabled camera that has an ONVIF address. */
    public void startAll(Collection<Camera> cameras) {
        cameras.forEach(this::start);
    }

    /** Subscribes to the camera's events unless it is disabled, has no ONVIF address or runs already. */
    public void start(Camera camera) {
        if (!camera.enabled() || camera.onvifUrl() == null) {
            return;
        }
        Watch[] created = new Watch[1];
        watches.computeIfAbsent(camera.id(), id -> created[0] = new Watch(camera));
        if (created[0] != null) {
            created[0].start();
        }
    }

    public void stop(long cameraId) {
        Watch w = watches.remove(cameraId);
        if (w != null) {
            w.stop();
        }
    }

    /** The camera's current status, empty when it is not watched. */
    public Optional<Status> status(long cameraId) {
        Watch w = watches.get(cameraId);
        return w == null ? Optional.empty() : Optional.of(w.status);
    }

    @Override
    public void close() {
        List<Watch> all = List.copyOf(watches.values());
        watches.clear();
        all.forEach(Watch::stopEvents); // all long polls aborted at once, then each finishes its queue
        all.forEach(Watch::stop);
    }

    private void publish(Status s) {
        for (StatusListener l : listeners) {
            try {
                l.statusChanged(s);
            } catch (RuntimeException e) {
                log.warn("status listener failed", e);
            }
        }
    }

    /**
     * Whether the owner explicitly allowed this camera outside the local network ({@code camera add/set
     * --allow-internet-address}): its ONVIF calls and snapshots may then reach the configured ONVIF host — that host
     * only, so its credentials go nowhere else; what the camera hands out for other hosts stays LAN-only.
     */
    static boolean allowedOutsideTheLan(Camera camera) {
        return camera.options().allowInternetAddress() && camera.onvifUrl() != null
                && camera.onvifUrl().getHost() != null;
    }

    /** One camera: its ONVIF client, subscription loop and event worker. */
    private final class Watch {
        private final Camera camera;
        /**
         * This camera's own HTTP client when its owner allowed it outside the LAN (the shared one keeps the LAN-only
         * policy for every other camera); null otherwise.
         */
        private final OnvifHttp ownHttp;
        private final OnvifClient client;
        private final OnvifEventClient eventClient;
        private final ExecutorService worker;
        private volatile Status status;
        // worker thread only
        private StoredEvent pressed;
        private StoredEvent motion;
        private URI snapshotUrl;

        Watch(Camera camera) {
            this.camera = camera;
            char[] password = null;
            if (camera.credentialRef() != null) {
                try {
                    password = vault.read(camera.credentialRef()).orElse(null);
                } catch (RuntimeException e) {
                    log.warn("camera {}: its stored password cannot be read: {}", camera.id(), e.getMessage());
                }
                if (password == null) {
                    log.warn("camera {}: no stored password; the camera will refuse its events if it wants one",
                            camera.id());
                }
            }
            this.ownHttp = allowedOutsideTheLan(camera)
                    ? http.withPolicy(http.policy().allowingHost(camera.onvifUrl().getHost())) : null;
            try {
                this.client = new OnvifClient(ownHttp != null ? ownHttp : http, camera.onvifUrl(), camera.username(),
                        password, authMemory, clock);
            } catch (RuntimeException e) {
                if (ownHttp != null) {
                    ownHttp.close(); // its deadline thread would outlive the camera that was never watched
                }
                throw e;
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0'); // the client keeps its own copy
                }
            }
            this.snapshotUrl = camera.snapshotUrl();
            this.worker = Executors.newSingleThreadExecutor(Threads.named("camera-events-" + camera.id()));
            this.eventClient = new OnvifEventClient(client, this::enqueue, this::failed,
                    () -> status(State.SUBSCRIBED, "events.status.subscribed"), FIRST_BACKOFF, clock)
                    .ringTopics(camera.options().ringTopicList());
            this.status = new Status(camera.id(), State.CONNECTING, clock.instant(),
                    messages.get("events.status.connecting"));
        }

        void start() {
            log.info("camera {}: subscribing to events at {}", camera.id(), Redact.withoutCredentials(camera.onvifUrl()));
            publish(status);
            eventClient.start();
        }

        void stopEvents() {
            eventClient.close();
        }

        void stop() {
            eventClient.close();
            try {
                worker.execute(this::closeOpenMotion);
            } catch (RejectedExecutionException e) {
                // already stopped
            }
            worker.shutdown();
            try {
                if (!worker.awaitTermination(SNAPSHOT_TIMEOUT.toMillis() + 2000, TimeUnit.MILLISECONDS)) {
                    worker.shutdownNow();
                }
            } catch (InterruptedException e) {
                worker.shutdownNow();
                Thread.currentThread().interrupt();
            }
            if (ownHttp != null) {
                ownHttp.close();
            }
            status(State.STOPPED, "events.status.stopped");
        }

        private void status(State state, String key, Object... args) {
            Status old = status;
            if (old != null && old.state() == state && state != State.FAILED) {
                return;
            }
            status = new Status(camera.id(), state, clock.instant(), messages.get(key, args));
            publish(status);
        }

        private void failed(OnvifException e) {
            if (e instanceof OnvifAuthException) {
                status(State.AUTH_FAILED, "events.status.auth", e.userMessage());
            } else if (e instanceof OnvifTimeoutException || e instanceof AddressNotAllowedException) {
                status(State.UNREACHABLE, "events.status.unreachable", e.userMessage());
            } else if (e instanceof OnvifFaultException f && NOT_SUPPORTED.contains(local(f.subcode()))) {
                status(State.NO_EVENTS, "events.status.none");
            } else {
                status(State.FAILED, "events.status.failed", e.userMessage());
            }
        }

        private void enqueue(CameraEvent e) {
            try {
                worker.execute(() -> handle(e));
            } catch (RejectedExecutionException ex) {
                log.debug("camera {}: event after stop dropped", camera.id());
            }
        }

        private void handle(CameraEvent e) {
            try {
                switch (e.type()) {
                    case RING -> {
                        if (e.state() && !e.initial()) {
                            pressed(e.at());
                        } else if (!e.state() && !e.initial()) {
                            released(e.at());
                        }
                        // a current-state "pressed" says nothing about when; a current-state release cannot be
                        // trusted to have a meaningful time either (the press row already ends at its start)
                    }
                    case MOTION -> {
                        if (e.state() && !e.initial()) {
                            motionStarted(e.at());
                        } else if (!e.state()) {
                            motionEnded(e.at()); // also a current-state "no motion" after a reconnect
                        }
                    }
                    default -> { }
                }
            } catch (SQLException ex) {
                log.warn("camera {}: {} event could not be stored: {}", camera.id(), e.type(), ex.toString());
            } catch (RuntimeException ex) {
                log.warn("camera {}: {} event failed", camera.id(), e.type(), ex);
            }
        }

        /** The row goes in at once, ending at its start, so a release that never comes leaves nothing open. */
        private void pressed(Instant at) throws SQLException {
            pressed = null;
            for (java.util.function.LongConsumer l : ringListeners) {
                try {
                    l.accept(camera.id());
                } catch (RuntimeException e) {
                    log.warn("camera {}: a ring listener failed: {}", camera.id(), e.toString());
                }
            }
            ThumbnailSink.Stored thumb = thumbnail(at);
            pressed = events.insert(new StoredEvent(0, camera.id(), StoredEvent.RING, at, at, 0, null,
                    thumb == null ? null : thumb.file(), thumb == null ? null : thumb.keyId()));
            log.info("camera {}: doorbell rang at {}{}", camera.id(), at, thumb == null ? " (no snapshot)" : "");
        }

        private void released(Instant at) throws SQLException {
            StoredEvent p = pressed;
            if (p == null) {
                return;
            }
            pressed = null;
            events.update(ended(p, at));
        }

        private void motionStarted(Instant at) throws SQLException {
            if (motion == null) {
                motion = events.insert(new StoredEvent(0, camera.id(), StoredEvent.CAMERA_MOTION, at, null, 0, null,
                        null, null));
            }
        }

        private void motionEnded(Instant at) throws SQLException {
            StoredEvent m = motion;
            if (m == null) {
                return;
            }
            motion = null;
            events.update(ended(m, at));
        }

        /** On stop the camera can no longer tell us when its motion ends: close it now. */
        private void closeOpenMotion() {
            try {
                motionEnded(clock.instant());
            } catch (SQLException e) {
                log.warn("camera {}: camera-motion event could not be closed: {}", camera.id(), e.toString());
            }
        }

        private ThumbnailSink.Stored thumbnail(Instant at) {
            if (thumbnails == null) {
                return null;
            }
            try {
                URI url = snapshotUrl();
                if (url == null) {
                    return null;
                }
                byte[] jpeg = MaskedSnapshot.apply(client.snapshot(url, SNAPSHOT_TIMEOUT), privacyMask());
                if (jpeg == null) {
                    log.info("camera {}: ring snapshot unreadable, not stored (its privacy masks could not be applied)",
                            camera.id());
                    return null;
                }
                return thumbnails.store(camera.id(), at, jpeg);
            } catch (OnvifException e) {
                log.info("camera {}: no snapshot for the ring: {}", camera.id(), e.getMessage());
            } catch (Exception e) {
                log.warn("camera {}: ring snapshot could not be stored: {}", camera.id(), e.toString());
            }
            return null;
        }

        /** The camera's privacy masks; unreadable ones hide the whole snapshot. */
        private org.doorstep.motion.MotionMask privacyMask() {
            try {
                return org.doorstep.motion.MotionMaskJson.parse(camera.options().privacyMasksJson());
            } catch (IllegalArgumentException e) {
                return new org.doorstep.motion.MotionMask(
                        java.util.List.of(org.doorstep.motion.MotionMask.Polygon.rectangle(0, 0, 1, 1)));
            }
        }

        /** The stored snapshot URL, else the one the camera names for its main profile (asked once). */
        private URI snapshotUrl() throws OnvifException {
            if (snapshotUrl == null) {
                MediaProfile main = OnvifClient.chooseMain(client.profiles()).orElse(null);
                snapshotUrl = main == null ? null : client.snapshotUri(main);
            }
            return snapshotUrl;
        }
    }

    private static StoredEvent ended(StoredEvent e, Instant at) {
        Instant end = at.isBefore(e.start()) ? e.start() : at;
        return new StoredEvent(e.id(), e.cameraId(), e.type(), e.start(), end, e.score(), e.box(), e.thumbnail(),
                e.thumbnailKeyId());
    }

    private static String local(String qname) {
        return qname == null ? "" : qname.substring(qname.lastIndexOf(':') + 1);
    }
}
