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

import org.doorstep.common.Messages;
import org.doorstep.sim.Audio;
import org.doorstep.sim.DemoCamera;
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
@Command(name = "demo-camera", resourceBundle = "org.doorstep.i18n.cli")
public final class DemoCameraCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rtsp-port", defaultValue = "8554", descriptionKey = "demo.rtspPort")
    int rtspPort;

    @Option(names = "--onvif-port", defaultValue = "8080", descriptionKey = "demo.onvifPort")
    int onvifPort;

    @Option(names = "--discovery-port", defaultValue = "3702", descriptionKey = "demo.discoveryPort")
    int discoveryPort;

    @Option(names = "--user", descriptionKey = "demo.user")
    String user;

    @Option(names = "--password", descriptionKey = "demo.password")
    String password;

    @Option(names = "--basic-auth", descriptionKey = "demo.basicAuth")
    boolean basicAuth;

    @Option(names = "--visit-every", defaultValue = "60s", converter = DurationConverter.class, descriptionKey = "demo.visitEvery")
    Duration visitEvery;

    @Option(names = "--drop-after", converter = DurationConverter.class, descriptionKey = "demo.dropAfter")
    Duration dropAfter;

    @Option(names = "--audio", defaultValue = "none", descriptionKey = "demo.audio")
    String audio;

    @Option(names = "--clock-skew", defaultValue = "0s", converter = DurationConverter.class, descriptionKey = "demo.clockSkew")
    Duration clockSkew;


    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile DemoCamera running;

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
        Path data = DoorstepCommand.of(spec).dataFolder();
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
        DemoCamera camera = new DemoCamera(config);
        VirtualDoorbell doorbell = camera.doorbell();
        AutoCloseable onCtrlC = DoorstepCommand.of(spec).doorstep().onShutdown("stop the demo camera", this::requestStop);
        try {
            int[] lastPercent = {-1};
            camera.start((done, total) -> {
                int percent = total == 0 ? 100 : done * 100 / total;
                if (percent / 10 != lastPercent[0] / 10) {
                    lastPercent[0] = percent;
                    err.println(msg.get("demo.rendering", percent));
                    err.flush();
                }
            }, discoveryPort);
            running = camera;
            out.println(msg.get("demo.main", doorbell.rtspUri(VirtualDoorbell.Stream.MAIN)));
            out.println(msg.get("demo.sub", doorbell.rtspUri(VirtualDoorbell.Stream.SUB)));
            out.println(msg.get("demo.onvif", camera.onvifUri()));
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
            camera.close();
            running = null;
            closeQuietly(onCtrlC);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // unregistering a shutdown step cannot fail in a way that matters here
        }
    }

    /** Stops a running demo camera (what Ctrl+C does). */
    public void requestStop() {
        DemoCamera d = running;
        if (d != null) {
            d.close();
        }
        stop.countDown();
    }

    /** The running camera once serving, else null (for tests). */
    public DemoCamera camera() {
        return running;
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
