package org.doorstep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.doorstep.common.Messages;
import org.doorstep.common.StoreException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import org.doorstep.common.UserException;
/**
 * Turns every failure into a sentence on stderr and an exit code. Stack traces go to the log file in
 * the data directory, never to the user.
 */
public final class ErrorReporting {
    public static final String LOG_DIR_PROPERTY = "doorstep.logs";

    private ErrorReporting() {}

    public static void install(CommandLine cli) {
        cli.setExecutionStrategy(ErrorReporting::execute);
        cli.setParameterExceptionHandler(ErrorReporting::badUsage);
        cli.setExecutionExceptionHandler(ErrorReporting::failed);
    }

    private static int execute(CommandLine.ParseResult parsed) {
        DoorstepCommand root = (DoorstepCommand) parsed.commandSpec().root().userObject();
        try {
            root.applyLanguage();
        } catch (UserException e) {
            parsed.commandSpec().commandLine().getErr().println(e.getMessage());
            return e.exitCode();
        }
        if (System.getProperty(LOG_DIR_PROPERTY) == null) {
            // the OS's log folder for the default data folder, else inside the chosen one
            Path logs = org.doorstep.usecase.desktop.LogFolder.resolve(root.defaultDataFolder(), root.dataFolder(),
                    System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
            System.setProperty(LOG_DIR_PROPERTY, logs.toString());
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(Messages.of("cli").get("error.usage", e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println(Messages.of("cli").get("error.usageHint", cli.getCommandSpec().qualifiedName()));
        return UserException.EXIT_USAGE;
    }

    private static int failed(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof UserException user) {
            err.println(user.getMessage());
            return user.exitCode();
        }
        if (e instanceof StoreException) {
            LoggerFactory.getLogger(ErrorReporting.class).error("index database failed", e);
            err.println(Messages.of("cli").get("error.store", e.getMessage(),
                    System.getProperty(LOG_DIR_PROPERTY, "?")));
            return UserException.EXIT_FAILURE;
        }
        if (e instanceof CommandLine.ParameterException pe) {
            return badUsage(pe, parsed.originalArgs().toArray(String[]::new));
        }
        LoggerFactory.getLogger(ErrorReporting.class).error("command failed", e);
        err.println(Messages.of("cli").get("error.unexpected", e.getClass().getSimpleName(),
                System.getProperty(LOG_DIR_PROPERTY, "?")));
        return UserException.EXIT_FAILURE;
    }
}
