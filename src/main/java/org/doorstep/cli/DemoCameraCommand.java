package org.doorstep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.doorstep.i18n.Messages;
import org.doorstep.sim.Audio;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep demo-camera}: runs a virtual video doorbell on this computer (loopback) until Ctrl+C,
 * so Doorstep can be tried without a camera. The ONVIF/discovery/clock-skew options are kept in the
 * configuration for the ONVIF part of the simulator.
 */
@Command(name = "demo-camera", mixinStandardHelpOptions = true,
        description = "Run a virtual video doorbell (RTSP main + sub stream) on this computer until Ctrl+C.")
public final class DemoCameraCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rtsp-port", defaultValue = "8554", description = "RTSP port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int rtspPort;

    @Option(names = "--onvif-port", defaultValue = "8080", description = "ONVIF HTTP port (default ${DEFAULT-VALUE}).")
    int onvifPort;

    @Option(names = "--discovery-port", defaultValue = "3702", description = "WS-Discovery port (default ${DEFAULT-VALUE}).")
    int discoveryPort;

    @Option(names = "--user", description = "User name clients must sign in with (Digest).")
    String user;

    @Option(names = "--password", description = "Password for --user.", interactive = false)
    String password;

    @Option(names = "--basic-auth", description = "Also accept Basic authentication.")
    boolean basicAuth;

    @Option(names = "--visit-every", defaultValue = "60s", converter = DurationConverter.class,
            description = "Time between visitors, like 60s or 5m; 0 for none (default ${DEFAULT-VALUE}).")
    Duration visitEvery;

    @Option(names = "--drop-after", converter = DurationConverter.class,
            description = "Drop every connection after this time and refuse new ones for 10 s, like 20s.")
    Duration dropAfter;

    @Option(names = "--audio", defaultValue = "none", description = "Audio track: none, aac or pcmu (default ${DEFAULT-VALUE}).")
    String audio;

    @Option(names = "--clock-skew", defaultValue = "0s", converter = DurationConverter.class,
            description = "How far the camera clock is off, like 90s or -2m (default ${DEFAULT-VALUE}).")
    Duration clockSkew;

    @Option(names = "--data-dir", description = "Data folder (default: $DOORSTEP_HOME or ~/.local/share/doorstep).")
    Path dataDir;

    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile VirtualDoorbell running;

    @Override
    public Integer call() {
        Messages msg = Messages.of("sim");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Audio audioKind;
        try {
            audioKind = Audio.valueOf(audio.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println(msg.get("error.audio", audio));
            return 2;
        }
        if (user != null && !user.isEmpty() && password == null) {
            err.println(msg.get("error.password"));
            return 2;
        }
        Path data = resolveDataDir();
        Path cache = data.resolve("cache").resolve("sim");
        try {
            Files.createDirectories(cache);
        } catch (IOException | RuntimeException e) {
            err.println(msg.get("error.datadir", data, e.getMessage()));
            return 1;
        }
        Duration every = visitEvery == null || visitEvery.isZero() || visitEvery.isNegative() ? null : visitEvery;
        DoorbellConfig config;
        try {
            config = DoorbellConfig.defaults(cache).withRtspPort(rtspPort).withCredentials(user, password, basicAuth)
                    .withVisitEvery(every).withDropAfter(dropAfter).withAudio(audioKind)
                    .withOnvif(onvifPort, discoveryPort, clockSkew);
        } catch (IllegalArgumentException e) {
            err.println(msg.get("error.start", e.getMessage()));
            return 2;
        }
        VirtualDoorbell doorbell = new VirtualDoorbell(config);
        Thread hook = new Thread(this::requestStop, "demo-camera-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int[] lastPercent = {-1};
            doorbell.start((done, total) -> {
                int percent = total == 0 ? 100 : done * 100 / total;
                if (percent / 10 != lastPercent[0] / 10) {
                    lastPercent[0] = percent;
                    err.println(msg.get("demo.rendering", percent));
                    err.flush();
                }
            });
            running = doorbell;
            out.println(msg.get("demo.main", doorbell.rtspUri(VirtualDoorbell.Stream.MAIN)));
            out.println(msg.get("demo.sub", doorbell.rtspUri(VirtualDoorbell.Stream.SUB)));
            if (config.authRequired()) {
                out.println(msg.get("demo.auth", user));
            }
            out.println(every == null ? msg.get("demo.visits.off") : msg.get("demo.visits", format(every)));
            out.flush();
            stop.await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (IOException e) {
            if (e.getCause() instanceof BindException) {
                err.println(msg.get("error.port", rtspPort));
            } else {
                err.println(msg.get("error.start", e.getMessage()));
            }
            return 1;
        } finally {
            doorbell.close();
            running = null;
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: it is what stopped us
            }
        }
    }

    /** Stops a running demo camera (what Ctrl+C does). */
    public void requestStop() {
        VirtualDoorbell d = running;
        if (d != null) {
            d.close();
        }
        stop.countDown();
    }

    /** The running doorbell once serving, else null (for the lead's ONVIF wiring and for tests). */
    public VirtualDoorbell doorbell() {
        return running;
    }

    private Path resolveDataDir() {
        if (dataDir != null) {
            return dataDir;
        }
        String env = System.getenv("DOORSTEP_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "doorstep");
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + " h";
        }
        if (s % 60 == 0) {
            return s / 60 + " min";
        }
        return s + " s";
    }
}
