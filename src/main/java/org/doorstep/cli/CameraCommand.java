package org.doorstep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.common.Redact;
import org.doorstep.store.Camera;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.cameras.CameraCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.doorstep.common.UserException;
/** {@code doorstep camera add|list|remove}: the cameras Doorstep records. */
@Command(name = "camera", resourceBundle = "org.doorstep.i18n.cli",
        subcommands = {CameraCommand.Add.class, CameraCommand.ListCameras.class, CameraCommand.Set.class,
            CameraCommand.Remove.class, CameraStopCommands.Stop.class, CameraStopCommands.Resume.class})
public final class CameraCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return UserException.EXIT_USAGE;
    }

    @Command(name = "add", resourceBundle = "org.doorstep.i18n.cli")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "camera.add.name")
        String name;

        @Option(names = "--url", paramLabel = "RTSP_URL", descriptionKey = "camera.add.url")
        String url;

        @Option(names = "--onvif", paramLabel = "HOST[:PORT]", descriptionKey = "camera.add.onvif")
        String onvif;

        @Option(names = "--sub-url", paramLabel = "RTSP_URL", descriptionKey = "camera.add.subUrl")
        String subUrl;

        @Option(names = "--user", paramLabel = "U", descriptionKey = "camera.add.user")
        String user;

        @Option(names = "--password-stdin", descriptionKey = "camera.add.passwordStdin")
        boolean passwordStdin;

        @Option(names = "--retention", paramLabel = "DURATION", converter = DurationConverter.class,
                descriptionKey = "camera.add.retention")
        Duration retention = Camera.DEFAULT_RETENTION;

        @Option(names = "--allow-internet-address", descriptionKey = "camera.add.allowInternet")
        boolean allowInternetAddress;

        private final PasswordReader passwords;

        Add() {
            this(null); // the command line's own terminal, asked for when the command runs
        }

        Add(PasswordReader passwords) {
            this.passwords = passwords;
        }

        @Override
        public Integer call() throws IOException {
            Messages m = Messages.of("cli");
            if ((url == null) == (onvif == null)) {
                throw new UserException(m.get("camera.error.urlOrOnvif"), UserException.EXIT_USAGE);
            }
            if (onvif != null && subUrl != null) {
                throw new UserException(m.get("camera.error.onvifSubUrl"), UserException.EXIT_USAGE);
            }
            PrintWriter err = spec.commandLine().getErr();
            // checked before a password is asked for, so a typo costs no typing
            CameraCatalog.validName(name);
            if (url != null) {
                CameraCatalog.streamUrl(url);
            }
            CameraCatalog.validRetention(retention);
            PasswordReader reader = passwords != null ? passwords
                    : DoorstepCommand.of(spec).passwords();
            char[] password = passwordStdin ? reader.read(m.get("camera.add.prompt")) : null;
            try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep camera add")) {
                // a locked install: the lock password follows the camera's (line two with --password-stdin)
                DoorstepCommand.of(spec).unlockFor(workspace, org.doorstep.usecase.lock.AppLock.Access.SETTINGS,
                        reader);
                CameraCatalog catalog = workspace.catalog();
                CameraCatalog.Added added;
                if (onvif != null) {
                    Messages steps = Messages.of("onvif");
                    added = catalog.add(new CameraCatalog.ByOnvif(name, onvif, user, password, retention),
                            step -> err.println(steps.get("setup.step." + step)),
                            () -> Thread.currentThread().isInterrupted());
                } else {
                    added = catalog.add(new CameraCatalog.ByAddress(name, url, subUrl, user, password, retention,
                            allowInternetAddress));
                }
                if (added.passwordTakenFromUrl()) {
                    err.println(m.get("camera.add.passwordInUrl"));
                }
                Camera stored = added.camera();
                spec.commandLine().getOut().println(m.get("camera.add.done", stored.name(), stored.mainUrl()));
                if (stored.subUrl() != null) {
                    spec.commandLine().getOut().println(m.get("camera.add.sub", stored.subUrl()));
                }
                if (stored.options().allowInternetAddress()) {
                    err.println(Messages.of("net").get("net.cli.allowed", stored.name()));
                }
            }
            return 0;
        }
    }

    @Command(name = "list", resourceBundle = "org.doorstep.i18n.cli")
    static final class ListCameras implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            DoorstepCommand root = DoorstepCommand.of(spec);
            try (Workspace workspace = root.open("doorstep camera list")) {
                List<Camera> cameras = workspace.catalog().all();
                PrintWriter out = spec.commandLine().getOut();
                if (output.json) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (Camera c : cameras) {
                        Map<String, Object> row = publicView(c);
                        row.put("retentionReason", c.options().retentionReason());
                        row.put("recordingStopped", workspace.recordingStops().stopped(c.name()));
                        rows.add(row);
                    }
                    root.json().print(out, rows);
                } else {
                    printTable(out, cameras);
                    for (Camera c : cameras) {
                        if (workspace.recordingStops().stopped(c.name())) {
                            out.println(Messages.of("stop").get("stop.notice.camera", c.name()));
                        }
                    }
                }
            }
            return 0;
        }

        /** What may be shown of a camera: never a password, never credentials inside a URL. */
        static Map<String, Object> publicView(Camera c) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", c.name());
            row.put("mainUrl", String.valueOf(Redact.withoutCredentials(c.mainUrl())));
            row.put("subUrl", c.subUrl() == null ? null : Redact.withoutCredentials(c.subUrl()).toString());
            row.put("onvifUrl", c.onvifUrl() == null ? null : Redact.withoutCredentials(c.onvifUrl()).toString());
            row.put("user", c.username());
            row.put("hasPassword", c.credentialRef() != null);
            row.put("enabled", c.enabled());
            row.put("retentionHours", c.retention().toMinutes() / 60.0);
            row.put("allowInternetAddress", c.options().allowInternetAddress());
            row.put("addedAt", c.createdAt());
            // corners as fractions of the picture, one list of [x, y] per mask (empty: recorded as sent)
            row.put("privacyMasks", privacyMasks(c));
            row.put("recordAudio", c.options().recordAudio());
            row.put("detectionMasks", c.motionMasksJson() != null);
            return row;
        }

        private static void printTable(PrintWriter out, List<Camera> cameras) {
            Messages m = Messages.of("cli");
            if (cameras.isEmpty()) {
                out.println(m.get("camera.list.empty"));
                return;
            }
            String format = "%-20s %-8s %-10s %s%n";
            out.printf(format, m.get("camera.list.name"), m.get("camera.list.enabled"), m.get("camera.list.retention"),
                    m.get("camera.list.url"));
            String allowed = Messages.of("net").get("net.camera.allowed");
            for (Camera c : cameras) {
                out.printf(format, c.name(), c.enabled() ? m.get("yes") : m.get("no"),
                        DurationText.of(c.retention()), Redact.withoutCredentials(c.mainUrl())
                                + (c.options().allowInternetAddress() ? " (" + allowed + ")" : ""));
            }
        }
    }

    @Command(name = "set", resourceBundle = "org.doorstep.i18n.cli")
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "camera.set.name")
        String name;

        @Option(names = "--rename", paramLabel = "NEW_NAME", descriptionKey = "camera.set.rename")
        String rename;

        @Option(names = "--enabled", arity = "1", paramLabel = "on|off", converter = OnOff.class, descriptionKey = "camera.set.enabled")
        Boolean enabled;

        @Option(names = "--retention", paramLabel = "DURATION", converter = DurationConverter.class,
                descriptionKey = "camera.add.retention")
        Duration retention;

        @Option(names = "--reason", paramLabel = "TEXT", descriptionKey = "camera.set.reason")
        String reason;

        @Option(names = "--transport", paramLabel = "tcp|udp", descriptionKey = "camera.set.transport")
        String transport;

        @Option(names = "--motion", arity = "1", paramLabel = "on|off", converter = OnOff.class, descriptionKey = "camera.set.motion")
        Boolean motion;

        @Option(names = "--sensitivity", paramLabel = "1-10", descriptionKey = "camera.set.sensitivity")
        Integer sensitivity;

        @Option(names = "--ring-topic", paramLabel = "TOPIC", descriptionKey = "camera.set.ringTopic")
        java.util.List<String> ringTopics;

        @Option(names = "--no-ring-topics", descriptionKey = "camera.set.noRingTopics")
        boolean noRingTopics;

        @Option(names = "--privacy-mask", paramLabel = "\"x,y x,y x,y ...\"", descriptionKey = "camera.set.privacyMask")
        java.util.List<String> privacyMasks;

        @Option(names = "--no-masks", descriptionKey = "camera.set.noMasks")
        boolean noMasks;

        @Option(names = "--detection-mask", paramLabel = "\"x,y x,y x,y ...\"", descriptionKey = "camera.set.detectionMask")
        java.util.List<String> detectionMasks;

        @Option(names = "--no-detection-masks", descriptionKey = "camera.set.noDetectionMasks")
        boolean noDetectionMasks;

        @Option(names = "--audio", arity = "1", paramLabel = "on|off", converter = OnOff.class, descriptionKey = "camera.set.audio")
        Boolean audio;
        @Option(names = "--allow-internet-address", arity = "1", paramLabel = "on|off", converter = OnOff.class,
                descriptionKey = "camera.set.allowInternet")
        Boolean allowInternetAddress;

        @Override
        public Integer call() {
            Messages m = Messages.of("cli");
            try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep camera set")) {
                DoorstepCommand.of(spec).unlockFor(workspace, org.doorstep.usecase.lock.AppLock.Access.SETTINGS);
                CameraCatalog catalog = workspace.catalog();
                Camera camera = catalog.require(name);
                if (retention != null || transport != null || motion != null || sensitivity != null || reason != null) {
                    camera = catalog.change(camera.name(), new CameraCatalog.Settings(
                            retention != null ? retention : camera.retention(),
                            transport != null ? transport : camera.rtspTransport(),
                            motion != null ? motion : camera.motionEnabled(),
                            sensitivity != null ? sensitivity : camera.motionSensitivity()),
                            reason != null ? reason : camera.options().retentionReason());
                }
                if (ringTopics != null || noRingTopics) {
                    camera = catalog.setRingTopics(camera.name(), noRingTopics ? java.util.List.of() : ringTopics);
                }
                if (privacyMasks != null || noMasks) {
                    camera = catalog.setPrivacyMasks(camera.name(), noMasks ? java.util.List.of()
                            : org.doorstep.usecase.cameras.PolygonText.parseAll(privacyMasks));
                    Messages pm = Messages.of("privacymasks");
                    spec.commandLine().getOut().println(noMasks ? pm.get("set.noMasks", camera.name())
                            : pm.get("set.masks", camera.name(), privacyMasks.size()));
                }
                if (detectionMasks != null || noDetectionMasks) {
                    camera = catalog.setDetectionMasks(camera.name(), noDetectionMasks ? java.util.List.of()
                            : org.doorstep.usecase.cameras.PolygonText.parseAll(detectionMasks));
                }
                if (audio != null) {
                    camera = catalog.setRecordAudio(camera.name(), audio);
                    if (audio) {
                        // said plainly, as in the window: sound is not like pictures before the law
                        spec.commandLine().getErr().println(m.get("camera.set.audioLaw"));
                    }
                }
                if (allowInternetAddress != null) {
                    camera = catalog.setAllowInternetAddress(camera.name(), allowInternetAddress);
                    spec.commandLine().getErr().println(Messages.of("net").get(allowInternetAddress
                            ? "net.cli.allowed" : "net.cli.lanOnly", camera.name()));
                }
                if (enabled != null) {
                    camera = catalog.setEnabled(camera.name(), enabled);
                }
                if (rename != null) {
                    camera = catalog.rename(camera.name(), rename);
                }
                spec.commandLine().getOut().println(m.get("camera.set.done", camera.name(),
                        camera.enabled() ? m.get("yes") : m.get("no"), DurationText.of(camera.retention()),
                        camera.rtspTransport(), camera.motionEnabled() ? m.get("yes") : m.get("no"),
                        camera.motionSensitivity()));
                if (!camera.options().ringTopicList().isEmpty()) {
                    spec.commandLine().getOut().println(m.get("camera.set.ringTopics", camera.name(),
                            String.join(", ", camera.options().ringTopicList())));
                }
            }
            return 0;
        }
    }

    private static java.util.List<java.util.List<double[]>> privacyMasks(Camera c) {
        java.util.List<java.util.List<double[]>> out = new ArrayList<>();
        try {
            for (var p : org.doorstep.motion.MotionMaskJson.parse(c.options().privacyMasksJson()).excluded()) {
                java.util.List<double[]> corners = new ArrayList<>();
                for (int i = 0; i < p.xs().length; i++) {
                    corners.add(new double[] {p.xs()[i], p.ys()[i]});
                }
                out.add(corners);
            }
        } catch (IllegalArgumentException e) {
            // unreadable masks are reported by recording (which then hides the whole picture), not by the list
        }
        return out;
    }

    /** "on"/"off" (also yes/no, true/false) as people write it. */
    static final class OnOff implements CommandLine.ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "on", "yes", "true" -> {
                    return true;
                }
                case "off", "no", "false" -> {
                    return false;
                }
                default -> throw new CommandLine.TypeConversionException(
                        Messages.of("cli").get("error.onOff", value));
            }
        }
    }

    @Command(name = "remove", resourceBundle = "org.doorstep.i18n.cli")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "camera.remove.name")
        String name;

        @Override
        public Integer call() {
            Messages m = Messages.of("cli");
            try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep camera remove")) {
                DoorstepCommand.of(spec).unlockFor(workspace, org.doorstep.usecase.lock.AppLock.Access.SETTINGS);
                Camera removed = workspace.catalog().remove(name);
                spec.commandLine().getOut().println(m.get("camera.remove.done", removed.name()));
            }
            return 0;
        }
    }
}
