package org.doorstep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import org.doorstep.App;
import java.time.Clock;
import org.doorstep.common.Messages;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.onvif.AuthMemory;
import org.doorstep.onvif.OnvifCameraAdder;
import org.doorstep.onvif.OnvifCameraSetup;
import org.doorstep.onvif.OnvifException;
import org.doorstep.onvif.OnvifHttp;
import org.doorstep.common.Redact;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.doorstep.common.UserException;
/** {@code doorstep camera add|list|remove}: the cameras Doorstep records. */
@Command(name = "camera", resourceBundle = "org.doorstep.i18n.cli",
        subcommands = {CameraCommand.Add.class, CameraCommand.ListCameras.class, CameraCommand.Remove.class})
public final class CameraCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return UserException.EXIT_USAGE;
    }

    static final int MAX_NAME = 64;

    /** Checks a camera name: people type it in commands, so no control characters and a sane length. */
    static String validName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new UserException(Messages.of("cli").get("camera.error.name", MAX_NAME), UserException.EXIT_USAGE);
        }
        return trimmed;
    }

    /** Parses a stream URL the user typed; credentials inside it are split off by the caller. */
    static URI streamUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("rtsp") || scheme.equals("rtsps") || scheme.equals("http") || scheme.equals("https"))
                    || uri.getHost() == null) {
                throw new UserException(Messages.of("cli").get("camera.error.url", Redact.withoutCredentials(uri)),
                        UserException.EXIT_USAGE);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new UserException(Messages.of("cli").get("camera.error.urlSyntax"), UserException.EXIT_USAGE);
        }
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

        private final PasswordReader passwords;

        Add() {
            this(PasswordReader.system());
        }

        Add(PasswordReader passwords) {
            this.passwords = passwords;
        }

        @Override
        public Integer call() throws IOException, SQLException {
            Messages m = Messages.of("cli");
            String cameraName = validName(name);
            if ((url == null) == (onvif == null)) {
                throw new UserException(m.get("camera.error.urlOrOnvif"), UserException.EXIT_USAGE);
            }
            if (onvif != null) {
                return addByOnvif(cameraName, m);
            }
            URI main = streamUrl(url);
            URI sub = subUrl == null ? null : streamUrl(subUrl);
            if (retention.isNegative() || retention.isZero()) {
                throw new UserException(m.get("camera.error.retention"), UserException.EXIT_USAGE);
            }
            String username = user != null ? user : Redact.userOf(main);
            char[] password = Redact.passwordOf(main);
            PrintWriter err = spec.commandLine().getErr();
            if (password != null) {
                err.println(m.get("camera.add.passwordInUrl"));
            }
            if (passwordStdin) {
                password = passwords.read(m.get("camera.add.prompt"));
            }
            Camera camera = Camera.newCamera(cameraName, Redact.withoutCredentials(main), Redact.withoutCredentials(sub),
                    username, retention);
            return store(camera, password, m);
        }

        /** Asks the camera itself for its streams and snapshot address over ONVIF. */
        private int addByOnvif(String cameraName, Messages m) throws IOException, SQLException {
            if (subUrl != null) {
                throw new UserException(m.get("camera.error.onvifSubUrl"), UserException.EXIT_USAGE);
            }
            if (retention.isNegative() || retention.isZero()) {
                throw new UserException(m.get("camera.error.retention"), UserException.EXIT_USAGE);
            }
            char[] password = passwordStdin ? passwords.read(m.get("camera.add.prompt")) : null;
            PrintWriter err = spec.commandLine().getErr();
            OnvifCameraSetup setup;
            try (OnvifHttp http = new OnvifHttp(AddressPolicy.lanOnly())) {
                OnvifCameraAdder adder = new OnvifCameraAdder(http, new AuthMemory(), Clock.systemUTC());
                Messages steps = Messages.of("onvif");
                setup = adder.add(onvif, user, password, step -> err.println(steps.get("setup.step." + step)),
                        () -> Thread.currentThread().isInterrupted());
            } catch (OnvifException e) {
                throw new UserException(m.get("camera.error.onvif", onvif, e.userMessage()));
            } catch (IllegalArgumentException e) {
                throw new UserException(m.get("camera.error.onvifHost", onvif), UserException.EXIT_USAGE);
            }
            Camera camera = OnvifCameraAdder.toCamera(cameraName, user, setup, retention);
            return store(camera, password, m);
        }

        private int store(Camera camera, char[] password, Messages m) throws SQLException {
            String cameraName = camera.name();
            try (App app = DoorstepCommand.of(spec).openApp("doorstep camera add")) {
                if (password != null && password.length > 0) {
                    camera = camera.withCredentialRef(app.vault().store(password));
                    java.util.Arrays.fill(password, '\0');
                }
                Camera stored;
                try {
                    stored = app.cameras().insert(camera);
                } catch (CameraRepository.DuplicateNameException e) {
                    app.vault().remove(camera.credentialRef());
                    throw new UserException(m.get("camera.error.duplicate", cameraName));
                }
                spec.commandLine().getOut().println(m.get("camera.add.done", stored.name(), stored.mainUrl()));
                if (stored.subUrl() != null) {
                    spec.commandLine().getOut().println(m.get("camera.add.sub", stored.subUrl()));
                }
            }
            return 0;
        }
    }

    @Command(name = "list", resourceBundle = "org.doorstep.i18n.cli")
    static final class ListCameras implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", descriptionKey = "option.json")
        boolean json;

        @Override
        public Integer call() throws SQLException {
            try (App app = DoorstepCommand.of(spec).openApp("doorstep camera list")) {
                List<Camera> cameras = app.cameras().all();
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (Camera c : cameras) {
                        rows.add(publicView(c));
                    }
                    Json.print(out, rows);
                } else {
                    printTable(out, cameras);
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
            row.put("addedAt", c.createdAt());
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
            for (Camera c : cameras) {
                out.printf(format, c.name(), c.enabled() ? m.get("yes") : m.get("no"),
                        DurationText.of(c.retention()), Redact.withoutCredentials(c.mainUrl()));
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
        public Integer call() throws SQLException {
            Messages m = Messages.of("cli");
            try (App app = DoorstepCommand.of(spec).openApp("doorstep camera remove")) {
                Camera camera = app.cameras().findByName(name.strip())
                        .orElseThrow(() -> new UserException(m.get("camera.error.unknown", name.strip())));
                long footage = app.cameras().segmentCount(camera.id());
                if (footage > 0) {
                    throw new UserException(m.get("camera.remove.hasFootage", camera.name(), footage));
                }
                app.cameras().delete(camera.id());
                app.vault().remove(camera.credentialRef());
                spec.commandLine().getOut().println(m.get("camera.remove.done", camera.name()));
            }
            return 0;
        }
    }
}
