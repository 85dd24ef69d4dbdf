package org.doorstep.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.usecase.Doorstep;
import org.doorstep.usecase.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The root {@code doorstep} command. Without a subcommand it opens the desktop window; options here apply to every
 * subcommand, which reach them and the use cases through {@link #of(CommandLine.Model.CommandSpec)}.
 */
@Command(name = "doorstep",
        resourceBundle = "org.doorstep.i18n.cli",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        subcommands = {
            CameraCommand.class,
            RecordCommand.class,
            SegmentsCommand.class,
            EventsCommand.class,
            ExportCommand.class,
            EraseCommand.class,
            ReceiptsCommand.class,
            DiscoverCommand.class,
            DemoCameraCommand.class,
            DoctorCommand.class,
            RepairCommand.class,
            StorageCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DoorstepCommand implements Callable<Integer> {

    /**
     * Opens the desktop window; given by the composition root so the command line never loads JavaFX itself.
     * Answers the exit code once the window is closed, or nothing when this computer cannot show a window.
     */
    @FunctionalInterface
    public interface WindowOpener {
        OptionalInt open(Path dataDir, boolean demo);
    }

    @Option(names = "--data-dir", paramLabel = "DIR", descriptionKey = "option.dataDir")
    Path dataDir;

    @Option(names = "--lang", paramLabel = "en|de", descriptionKey = "option.lang")
    String lang;

    @Option(names = "--demo", descriptionKey = "option.demo")
    boolean demo;

    private final Doorstep doorstep;
    private final WindowOpener window;
    private final Json json;

    public DoorstepCommand(Doorstep doorstep, WindowOpener window, ObjectMapper mapper) {
        this.doorstep = doorstep;
        this.window = window;
        this.json = new Json(mapper);
    }

    /** The root command of the command line that {@code spec} belongs to. */
    public static DoorstepCommand of(CommandLine.Model.CommandSpec spec) {
        return (DoorstepCommand) spec.root().userObject();
    }

    public Doorstep doorstep() {
        return doorstep;
    }

    Json json() {
        return json;
    }

    /** The data folder this run uses ({@code --data-dir}, else the default). */
    public Path dataFolder() {
        return doorstep.dataFolder(dataDir);
    }

    /** Takes the data folder for this command; a folder in use or damaged is refused with a sentence. */
    public Workspace open(String purpose) {
        return doorstep.open(dataDir, purpose);
    }

    /** Applies {@code --lang} before any text is produced. */
    void applyLanguage() {
        if (lang == null) {
            return;
        }
        String code = lang.toLowerCase(Locale.ROOT);
        if (!code.equals("en") && !code.equals("de")) {
            throw new UserException(Messages.of("cli").get("error.lang", lang), UserException.EXIT_USAGE);
        }
        Locale.setDefault(code.equals("de") ? Locale.GERMAN : Locale.ENGLISH);
    }

    @Override
    public Integer call() throws Exception {
        OptionalInt shown = window.open(dataDir, demo);
        if (shown.isPresent()) {
            return shown.getAsInt();
        }
        if (!demo) {
            throw new UserException(Messages.of("ui").get("error.noDisplay"));
        }
        return new HeadlessDemo(doorstep, dataDir, new java.io.PrintWriter(System.out, true)).run();
    }
}
