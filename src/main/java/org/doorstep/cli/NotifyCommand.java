package org.doorstep.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.store.Camera;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.desktop.QuietHours;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep notify [--rings on|off] [--camera-lost on|off] [--camera NAME (--quiet-hours HH:MM-HH:MM |
 * --no-quiet-hours)]}: which notifications come, and do-not-disturb hours (the settings' Notifications section).
 */
@Command(name = "notify", resourceBundle = "org.doorstep.i18n.desktop")
public final class NotifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--camera", paramLabel = "NAME", descriptionKey = "doorstep.notify.camera.description")
    String camera;

    @Option(names = "--quiet-hours", paramLabel = "HH:MM-HH:MM",
            descriptionKey = "doorstep.notify.quietHours.description")
    String quietHours;

    @Option(names = "--no-quiet-hours", descriptionKey = "doorstep.notify.noQuietHours.description")
    boolean noQuietHours;

    @Option(names = "--rings", paramLabel = "on|off", descriptionKey = "doorstep.notify.rings.description")
    String rings;

    @Option(names = "--camera-lost", paramLabel = "on|off", descriptionKey = "doorstep.notify.cameraLost.description")
    String cameraLost;

    @Override
    public Integer call() {
        Messages m = Messages.of("desktop");
        PrintWriter out = spec.commandLine().getOut();
        boolean change = quietHours != null || noQuietHours;
        if (change && camera == null) {
            throw new UserException(m.get("notify.needCamera"), UserException.EXIT_USAGE);
        }
        QuietHours hours = null;
        if (quietHours != null) {
            hours = QuietHours.parse(quietHours).orElseThrow(() ->
                    new UserException(m.get("notify.badHours", quietHours), UserException.EXIT_USAGE));
        }
        Boolean ringsOn = onOff(rings);
        Boolean lostOn = onOff(cameraLost);
        try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep notify")) {
            if (change) {
                Camera c = workspace.catalog().require(camera);
                workspace.notifications().setQuietHours(c.id(), hours);
            }
            var settings = workspace.notifications();
            if (ringsOn != null || lostOn != null) {
                settings.setKinds(ringsOn != null ? ringsOn : settings.rings(),
                        lostOn != null ? lostOn : settings.cameraLost());
            }
            out.println(m.get("notify.kinds", m.get(settings.rings() ? "notify.on" : "notify.off"),
                    m.get(settings.cameraLost() ? "notify.on" : "notify.off")));
            Map<Long, QuietHours> all = workspace.notifications().all();
            if (all.isEmpty()) {
                out.println(m.get("notify.noQuiet"));
            }
            for (Camera c : workspace.catalog().all()) {
                QuietHours q = all.get(c.id());
                if (q != null) {
                    out.println(m.get("notify.quiet", c.name(), q));
                }
            }
        }
        out.flush();
        return 0;
    }

    private static Boolean onOff(String value) {
        if (value == null) {
            return null;
        }
        if (!value.equals("on") && !value.equals("off")) {
            throw new UserException(Messages.of("cli").get("error.usage", value), UserException.EXIT_USAGE);
        }
        return value.equals("on");
    }
}
