package org.doorstep.sim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual video doorbell on loopback: an RTSP server with a main ({@value #MAIN_PATH}) and a sub
 * ({@value #SUB_PATH}) H.264 stream of a rendered porch, a scripted visitor (scheduled and on demand), slow
 * light changes, optional audio, and an optional simulated network drop. The scene is rendered once into
 * the cache directory; serving only loops the cached pictures with new timestamps.
 */
public final class VirtualDoorbell implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualDoorbell.class);
    public static final String MAIN_PATH = "/main";
    public static final String SUB_PATH = "/sub";
    /** How long connections are refused after {@code dropAfter}. */
    public static final Duration DROP_REFUSE = Duration.ofSeconds(10);
    /** Delay from start to the first scheduled visit (or {@code visitEvery} if that is shorter). */
    public static final Duration FIRST_VISIT = Duration.ofSeconds(10);

    /** The two streams of the doorbell. */
    public enum Stream { MAIN, SUB }

    private final DoorbellConfig config;
    private final InetAddress bindAddress;
    private final List<DoorbellEventListener> listeners = new CopyOnWriteArrayList<>();
    private RtspServer server;
    private FramePacer pacer;
    private SceneDirector director;
    private ExecutorService events;
    private ScheduledExecutorService dropTimer;
    private volatile boolean started;

    public VirtualDoorbell(DoorbellConfig config) {
        this(config, InetAddress.getLoopbackAddress());
    }

    /** For a bind address other than loopback (the app only ever uses loopback). */
    public VirtualDoorbell(DoorbellConfig config, InetAddress bindAddress) {
        this.config = config;
        this.bindAddress = bindAddress;
    }

    public DoorbellConfig config() {
        return config;
    }

    /** Renders (first time) or loads the scene and starts serving. */
    public void start() throws IOException {
        start(RenderProgress.NONE);
    }

    /** Like {@link #start()}, reporting rendering progress; interrupting the caller cancels rendering. */
    public synchronized void start(RenderProgress progress) throws IOException {
        if (started) {
            throw new IllegalStateException("already started");
        }
        SceneTiming timing = SceneTiming.forFps(config.fps());
        SceneRenderer renderer = new SceneRenderer(config.cacheDir());
        int[] main = {config.mainWidth(), config.mainHeight()};
        int[] sub = {config.subWidth(), config.subHeight()};
        int bframes = config.bframes();
        // with B-pictures every drawn picture is followed by bframes blended ones, so the scene is drawn at the
        // lower rate and the stream still runs at config.fps() with the same clip lengths in seconds
        SceneTiming drawn = bframes == 0 ? timing : SceneTiming.forFps(config.fps() / (bframes + 1));
        Map<String, SceneClips> clips = renderer.load(drawn, progress, main, sub);
        SceneClips mainClips = clips.get(main[0] + "x" + main[1]);
        SceneClips subClips = clips.get(sub[0] + "x" + sub[1]);
        if (bframes > 0) {
            mainClips = mainClips.withBFrames(bframes);
            subClips = subClips.withBFrames(bframes);
        }
        AudioClip audio = config.audio() == Audio.NONE ? null : AudioClip.load(config.cacheDir(), config.audio());
        LiveStream mainStream = new LiveStream(MAIN_PATH, mainClips.clip(ClipKind.IDLE), main[0], main[1], config.fps(), audio);
        LiveStream subStream = new LiveStream(SUB_PATH, subClips.clip(ClipKind.IDLE), sub[0], sub[1], config.fps(), audio);

        events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "doorbell-events");
            t.setDaemon(true);
            return t;
        });
        pacer = new FramePacer(config.fps(), List.of(new FramePacer.Output(mainStream, mainClips),
                new FramePacer.Output(subStream, subClips)), audio);
        Duration every = config.visitEvery();
        Duration first = every == null || every.compareTo(FIRST_VISIT) > 0 ? FIRST_VISIT : every;
        director = new SceneDirector(timing, pacer::instantOf, every, first, events, listeners);
        server = new RtspServer(bindAddress, config.rtspPort(), config.user(), config.password(), config.basicAuth(),
                List.of(mainStream, subStream));
        server.tickSource(pacer::currentTick);
        server.mediaEpoch(pacer.instantOf(0));
        try {
            server.start();
        } catch (IOException e) {
            events.shutdownNow();
            throw new IOException("RTSP port " + config.rtspPort() + " is not free: " + e.getMessage(), e);
        }
        pacer.start(director);
        if (config.dropAfter() != null) {
            dropTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "doorbell-drop");
                t.setDaemon(true);
                return t;
            });
            dropTimer.schedule(() -> server.drop(DROP_REFUSE), config.dropAfter().toMillis(), TimeUnit.MILLISECONDS);
        }
        started = true;
        LOG.info("Virtual doorbell serving {} and {}", rtspUri(Stream.MAIN), rtspUri(Stream.SUB));
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("not started");
        }
    }

    /** A picture of the scene: which clip and which frame in it. */
    public record Picture(ClipKind kind, int frame) { }

    /** The picture being shown right now (for snapshots that match the stream), or null before the first. */
    public Picture currentPicture() {
        FramePacer p = pacer;
        SceneDirector.Position shown = p == null ? null : p.shown();
        return shown == null ? null : new Picture(shown.kind(), shown.frame());
    }

    /** The stream's URL, without credentials. */
    public URI rtspUri(Stream stream) {
        requireStarted();
        return server.uri(stream == Stream.MAIN ? MAIN_PATH : SUB_PATH);
    }

    public int rtspPort() {
        requireStarted();
        return server.port();
    }

    /** Visits that have started so far (including one in progress), in order: ground truth for tests. */
    public List<Visit> schedule() {
        requireStarted();
        return director.visits();
    }

    /** Light changes that have started so far. */
    public List<LightChange> lightChanges() {
        requireStarted();
        return director.lightChanges();
    }

    /**
     * Sends a visitor now: the visit clip is spliced into both streams at the next GOP boundary (within one
     * second). The future completes with the visit's times once it has been spliced in.
     */
    public CompletableFuture<Visit> triggerVisit() {
        requireStarted();
        return director.trigger();
    }

    /** Wall-clock time at which the next picture is sent (for tests correlating decoded frames). */
    public Instant now() {
        requireStarted();
        return pacer.instantOf(pacer.currentTick());
    }

    public void addListener(DoorbellEventListener l) {
        listeners.add(l);
    }

    public void removeListener(DoorbellEventListener l) {
        listeners.remove(l);
    }

    /** The RTSP server, for connection statistics. */
    public RtspServer rtspServer() {
        requireStarted();
        return server;
    }

    @Override
    public synchronized void close() {
        if (dropTimer != null) {
            dropTimer.shutdownNow();
        }
        if (pacer != null) {
            pacer.close();
        }
        if (server != null) {
            server.close();
        }
        if (events != null) {
            events.shutdown();
        }
        started = false;
    }
}
