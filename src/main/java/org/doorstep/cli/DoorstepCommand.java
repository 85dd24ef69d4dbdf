package org.doorstep.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.DataDir;
import org.doorstep.store.DataDirLock;
import org.doorstep.store.SettingsStore;
import org.doorstep.ui.WindowLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.doorstep.common.UserException;
/**
 * The root {@code doorstep} command. Without a subcommand it opens the desktop window; options here
 * apply to every subcommand, which reach them through {@link #of(CommandLine.Model.CommandSpec)}.
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
            NotYetCommands.Erase.class,
            DiscoverCommand.class,
            DemoCameraCommand.class,
            DoctorCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DoorstepCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", descriptionKey = "option.dataDir")
    Path dataDir;

    @Option(names = "--lang", paramLabel = "en|de", descriptionKey = "option.lang")
    String lang;

    @Option(names = "--demo", descriptionKey = "option.demo")
    boolean demo;

    private final WindowLauncher windowLauncher;

    public DoorstepCommand(WindowLauncher windowLauncher) {
        this.windowLauncher = windowLauncher;
    }

    /** The root command of the command line that {@code spec} belongs to. */
    public static DoorstepCommand of(CommandLine.Model.CommandSpec spec) {
        return (DoorstepCommand) spec.root().userObject();
    }

    public DataDir dataDir() {
        return DataDir.resolveDefault(dataDir);
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

    /** Opens the data directory for this process, turning every expected failure into a sentence. */
    public App openApp(String purpose) {
        Messages m = Messages.of("cli");
        DataDir dir = dataDir();
        try {
            return App.open(dir, purpose);
        } catch (DataDirLock.HeldElsewhereException e) {
            DataDirLock.Owner owner = e.owner();
            throw new UserException(m.get("error.dataDirBusy", dir.root(), owner.pid(), owner.command()),
                    UserException.EXIT_BUSY);
        } catch (SettingsStore.DamagedSettingsException e) {
            throw new UserException(m.get("error.settingsDamaged", e.file()));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserException(m.get("error.dataDirUnusable", dir.root(), e.getMessage()));
        }
    }

    @Override
    public Integer call() {
        return windowLauncher.launch(this, demo);
    }
}
