package org.doorstep;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.OptionalInt;
import org.doorstep.cli.DoorstepCommand;
import org.doorstep.cli.ErrorReporting;
import org.doorstep.cli.LocalCommandClient;
import org.doorstep.cli.Terminal;
import org.doorstep.common.JsonMapper;
import org.doorstep.ui.DesktopApp;
import picocli.CommandLine;

/** Entry point of the {@code doorstep} program: builds the composition root and the two faces over it. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        org.doorstep.common.NativeHeap.limitArenas(2); // before any camera thread allocates (see NativeHeap)
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        applyLanguageEarly(args);
        ObjectMapper json = JsonMapper.create();
        CommandLine cli = commandLine(new Launcher(), json);
        cli.setOut(out);
        cli.setErr(err);
        // while the window or a recorder owns the data folder, it carries the command out (erase while recording)
        OptionalInt forwarded = new LocalCommandClient(json, Terminal.system()).forwardIfServed(cli, args, out, err);
        return forwarded.isPresent() ? forwarded.getAsInt() : cli.execute(args);
    }

    /** The command line over {@code doorstep}; the window is a face of its own that the command line only opens. */
    public static CommandLine commandLine(Launcher doorstep, ObjectMapper json) {
        // the window's class (and JavaFX) is loaded only when a window is asked for
        DoorstepCommand root = new DoorstepCommand(doorstep, new DoorstepCommand.WindowOpener() {
            @Override
            public OptionalInt open(java.nio.file.Path dataDir, boolean demo) {
                return open(dataDir, demo, false);
            }

            @Override
            public OptionalInt open(java.nio.file.Path dataDir, boolean demo, boolean hidden) {
                return new DesktopApp(doorstep).launch(dataDir, demo, hidden);
            }
        }, json);
        return commandLine(root);
    }

    public static CommandLine commandLine(DoorstepCommand root) {
        CommandLine cli = new CommandLine(root);
        ErrorReporting.install(cli);
        return cli;
    }

    /** Help texts are read when the command line is built, so {@code --lang} must be known before that. */
    static void applyLanguageEarly(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = null;
            if (args[i].equals("--lang") && i + 1 < args.length) {
                value = args[i + 1];
            } else if (args[i].startsWith("--lang=")) {
                value = args[i].substring("--lang=".length());
            }
            if ("de".equalsIgnoreCase(value)) {
                Locale.setDefault(Locale.GERMAN);
            } else if ("en".equalsIgnoreCase(value)) {
                Locale.setDefault(Locale.ENGLISH);
            }
        }
    }
}
