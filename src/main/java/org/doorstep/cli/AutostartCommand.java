package org.doorstep.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.desktop.Autostart;
import org.doorstep.usecase.settings.AppSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep autostart [on|off]}: the same setting as "Start with the computer" in the window's settings,
 * saved with the app settings (which writes or removes the OS's start-at-login entry).
 */
@Command(name = "autostart", resourceBundle = "org.doorstep.i18n.desktop")
public final class AutostartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "on|off", descriptionKey = "doorstep.autostart.state.description")
    String state;

    @Override
    public Integer call() {
        Messages m = Messages.of("desktop");
        PrintWriter out = spec.commandLine().getOut();
        Autostart autostart = Autostart.forThisComputer();
        if (state != null) {
            if (!state.equals("on") && !state.equals("off")) {
                throw new UserException(Messages.of("cli").get("error.usage", state), UserException.EXIT_USAGE);
            }
            try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep autostart")) {
                AppSettings.Choices c = workspace.appSettings().choices();
                workspace.appSettings().save(c.withStartWithComputer(state.equals("on")));
            }
        }
        boolean on = autostart.enabled();
        out.println(on ? m.get("autostart.on", autostart.entryFile().map(Object::toString).orElse("Run key"))
                : m.get("autostart.off"));
        out.flush();
        return 0;
    }
}
