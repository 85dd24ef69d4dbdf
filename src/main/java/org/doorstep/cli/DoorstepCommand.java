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
            PaperworkCommand.class,
            AuditCommand.class,
            LockCommand.class,
            KeepCommand.class,
            DiscoverCommand.class,
            DemoCameraCommand.class,
            DoctorCommand.class,
            AutostartCommand.class,
            NotifyCommand.class,
            UninstallCommand.class,
            RepairCommand.class,
            StorageCommand.class,
            KeyStoreCommand.class,
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

        /**
         * {@code hidden}: start in the tray with the window hidden (start at login); an opener without that choice
         * shows the window.
         */
        default OptionalInt open(Path dataDir, boolean demo, boolean hidden) {
            return open(dataDir, demo);
        }
    }

    @Option(names = "--data-dir", paramLabel = "DIR", descriptionKey = "option.dataDir")
    Path dataDir;

    @Option(names = "--lang", paramLabel = "en|de", descriptionKey = "option.lang")
    String lang;

    @Option(names = "--demo", descriptionKey = "option.demo")
    boolean demo;

    /** What start-at-login entries pass (Autostart.HIDDEN): record in the tray, window hidden until asked for. */
    @Option(names = {"--hidden", "--tray"}, descriptionKey = "option.hidden")
    boolean hidden;

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec rootSpec;
    /** Unlock as this person (their PIN is asked, never given here); the audit log then names them. */
    @Option(names = "--as", paramLabel = "NAME", descriptionKey = "option.as", scope = CommandLine.ScopeType.INHERIT)
    String as;

    private final Doorstep doorstep;
    private final WindowOpener window;
    private final Json json;
    private final Terminal terminal;
    private final Path workingDir;

    public DoorstepCommand(Doorstep doorstep, WindowOpener window, ObjectMapper mapper) {
        this(doorstep, window, mapper, Terminal.system(), Path.of("").toAbsolutePath());
    }

    /**
     * A command line whose questions go to {@code terminal} and whose relative paths mean {@code workingDir}: the
     * asking process's, when the process that owns the data folder carries the command out for it.
     */
    public DoorstepCommand(Doorstep doorstep, WindowOpener window, ObjectMapper mapper, Terminal terminal,
                           Path workingDir) {
        this.doorstep = doorstep;
        this.window = window;
        this.json = new Json(mapper);
        this.terminal = terminal;
        this.workingDir = workingDir;
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

    /** Where this command asks its questions. */
    Terminal terminal() {
        return terminal;
    }

    /**
     * Passwords for this command, read where its questions go; one reader for all of them, so a second line of
     * standard input (the lock password after a camera's) is not lost.
     */
    PasswordReader passwords() {
        return new PasswordReader(terminal);
    }

    /** A path the user typed, relative to the directory the command was started in. */
    Path resolve(Path typed) {
        return workingDir.resolve(typed);
    }

    /** The data folder this run uses ({@code --data-dir}, else the default). */
    public Path dataFolder() {
        return doorstep.dataFolder(dataDir == null ? null : resolve(dataDir));
    }

    /** Whether this run uses the OS's default data folder (no --data-dir, no DOORSTEP_HOME). */
    public boolean defaultDataFolder() {
        String home = System.getenv("DOORSTEP_HOME");
        return dataDir == null && (home == null || home.isBlank());
    }

    /** Takes the data folder for this command; a folder in use or damaged is refused with a sentence. */
    public Workspace open(String purpose) {
        Workspace workspace = doorstep.open(dataDir == null ? null : resolve(dataDir), purpose);
        // footage is affected when the key store holding the key-encryption key is away: every command says so
        String warning = workspace.keyStore().report().warning();
        if (warning != null && rootSpec != null) {
            rootSpec.commandLine().getErr().println(warning);
            rootSpec.commandLine().getErr().flush();
        }
        return workspace;
    }

    /**
     * Opens the app lock for this one command when {@code access} needs it: the password is read from the terminal
     * (not echoed) or as the first line of standard input. A wrong or missing password refuses the command with a
     * sentence; nothing is done. Without a lock set this asks nothing.
     */
    public void unlockFor(Workspace workspace, org.doorstep.usecase.lock.AppLock.Access access) {
        unlockFor(workspace, access, passwords());
    }

    void unlockFor(Workspace workspace, org.doorstep.usecase.lock.AppLock.Access access, PasswordReader passwords) {
        org.doorstep.usecase.lock.AppLock lock = workspace.lock();
        if (as != null) {
            unlockAs(lock, as, passwords);
            lock.require(access); // staff asking for what needs an owner: refused with a sentence
            return;
        }
        if (lock.allows(access)) {
            return;
        }
        Messages m = Messages.of("lock");
        char[] password;
        try {
            password = passwords.read(m.get("cli.prompt"));
        } catch (java.io.IOException e) {
            password = new char[0];
        }
        String what = m.get("cli.what." + access.name().toLowerCase(Locale.ROOT));
        if (password.length == 0) {
            throw new org.doorstep.usecase.lock.AppLock.LockedException(m.get("cli.needPassword", what));
        }
        if (!lock.unlock(password)) {
            throw new org.doorstep.usecase.lock.AppLock.LockedException(m.get("cli.wrongPassword", what));
        }
    }

    /**
     * Opens the lock for this one command as {@code name}: their PIN is read from the terminal (not echoed) or as the
     * first line of standard input. A wrong PIN counts towards their lockout and refuses the command with a sentence
     * (exit code 4), as does a PIN refused while locked out (saying when to try again).
     */
    void unlockAs(org.doorstep.usecase.lock.AppLock lock, String name, PasswordReader passwords) {
        Messages m = Messages.of("people");
        if (!lock.enabled()) {
            throw new UserException(m.get("error.noLock"), UserException.EXIT_USAGE);
        }
        char[] pin;
        try {
            pin = passwords.read(m.get("cli.pinFor", name));
        } catch (java.io.IOException e) {
            pin = new char[0];
        }
        if (pin.length == 0) {
            throw new org.doorstep.usecase.lock.AppLock.LockedException(m.get("cli.needPin", name));
        }
        org.doorstep.usecase.lock.People.Attempt a = lock.unlockAs(name, pin);
        if (!a.ok()) {
            throw new org.doorstep.usecase.lock.AppLock.LockedException(
                    org.doorstep.usecase.lock.People.sentence(a, m));
        }
    }

    /** The person named by {@code --as}, or null. */
    String as() {
        return as;
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
        OptionalInt shown = window.open(dataDir, demo, hidden);
        if (shown.isPresent()) {
            return shown.getAsInt();
        }
        if (!demo) {
            throw new UserException(Messages.of("ui").get("error.noDisplay"));
        }
        return new HeadlessDemo(doorstep, dataDir, new java.io.PrintWriter(System.out, true)).run();
    }
}
