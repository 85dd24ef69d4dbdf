package org.doorstep.usecase.desktop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.doorstep.common.Messages;
import org.doorstep.usecase.erase.Erase;
import org.doorstep.usecase.erase.ErasePreview;
import org.doorstep.usecase.erase.EraseProgress;
import org.doorstep.usecase.erase.EraseResult;
import org.doorstep.usecase.erase.EraseScope;
import org.doorstep.usecase.settings.AppSettings;

/**
 * "Uninstall Doorstep…" and {@code doorstep uninstall}: what the package managers cannot ask. Linux package managers
 * and jpackage's installers have no "erase my recordings" tick box, so Doorstep asks before the package goes:
 * optionally erases everything (the erase use case: keys first, with a receipt), turns start at login off (its entry
 * would point at a removed program), and says how this computer removes the program. The data folder itself stays:
 * it keeps the erase receipt, and no script of a package deletes a user's data.
 */
public final class Uninstall {
    /** How Doorstep got onto this computer, which decides how it is removed. */
    public enum Removal { DEB, RPM, WINDOWS, MAC, PORTABLE, DEVELOPMENT }

    /** What was done: the erase's result if one ran, whether start at login was switched off, and the next step. */
    public record Outcome(Optional<EraseResult> erased, boolean startAtLoginOff, String removal) {}

    /** Where jpackage's Linux installers put the program (its --install-dir default for package "doorstep"). */
    static final Path LINUX_INSTALL = Path.of("/opt/doorstep");
    static final Path DPKG_LIST = Path.of("/var/lib/dpkg/info/doorstep.list");

    private final Erase erase;
    private final AppSettings settings;
    private final Removal removal;
    private final Optional<Path> folder;

    /**
     * @param folder the program's folder (portable build or app image), for {@link Removal#PORTABLE}
     */
    public Uninstall(Erase erase, AppSettings settings, Removal removal, Optional<Path> folder) {
        this.erase = erase;
        this.settings = settings;
        this.removal = removal;
        this.folder = folder;
    }

    /**
     * For this process: jpackage's launchers set {@code jpackage.app-path}, the portable {@code bin/doorstep} sets
     * {@code doorstep.launcher}; neither means a build tree.
     */
    public static Uninstall forThisComputer(Erase erase, AppSettings settings) {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Autostart.Os os = name.startsWith("windows") ? Autostart.Os.WINDOWS
                : name.startsWith("mac") ? Autostart.Os.MAC : Autostart.Os.LINUX;
        Optional<Path> installed = path(System.getProperty("jpackage.app-path"));
        Optional<Path> portable = path(System.getProperty("doorstep.launcher"));
        Removal removal = detect(os, installed, portable, Files::exists);
        Optional<Path> launcher = installed.or(() -> portable);
        return new Uninstall(erase, settings, removal, launcher.map(Uninstall::programFolder));
    }

    /** How this copy of Doorstep is removed; {@code exists} looks at the file system (a fake in tests). */
    public static Removal detect(Autostart.Os os, Optional<Path> installed, Optional<Path> portable,
                                 Predicate<Path> exists) {
        if (installed.isEmpty()) {
            return portable.isPresent() ? Removal.PORTABLE : Removal.DEVELOPMENT;
        }
        return switch (os) {
            case WINDOWS -> Removal.WINDOWS;
            case MAC -> Removal.MAC;
            // an app image run from anywhere else (the build's smoke test, an unpacked copy) is removed by deleting it
            case LINUX -> !installed.get().toAbsolutePath().startsWith(LINUX_INSTALL) ? Removal.PORTABLE
                    : exists.test(DPKG_LIST) ? Removal.DEB : Removal.RPM;
        };
    }

    public Removal removal() {
        return removal;
    }

    /** The one sentence that says how to remove the program here (the exact command where there is one). */
    public String howToRemove(Messages text) {
        String key = "uninstall.remove." + removal.name().toLowerCase(Locale.ROOT);
        return removal == Removal.PORTABLE ? text.get(key, folder.map(Path::toString).orElse("?")) : text.get(key);
    }

    /** What "erase my recordings" would erase: everything (cameras stay listed, switched off only by the erase). */
    public ErasePreview preview() {
        return erase.preview(EraseScope.everything());
    }

    /**
     * Prepares the removal: erases everything first when asked (cancellable until the keys go; a cancelled erase
     * leaves everything else undone), then switches start at login off.
     */
    public Outcome run(boolean eraseRecordings, EraseProgress progress, BooleanSupplier cancelled,
                       Messages text) {
        Optional<EraseResult> erased = Optional.empty();
        if (eraseRecordings) {
            erased = Optional.of(erase.run(EraseScope.everything(), Set.of(), progress, cancelled));
        }
        AppSettings.Choices c = settings.choices();
        boolean wasOn = c.startWithComputer();
        if (wasOn) {
            settings.save(c.withStartWithComputer(false));
        }
        return new Outcome(erased, wasOn, howToRemove(text));
    }

    private static Optional<Path> path(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** {@code <folder>/bin/doorstep} → {@code <folder>}; a Windows or macOS launcher sits one level higher. */
    private static Path programFolder(Path launcher) {
        Path bin = launcher.toAbsolutePath().getParent();
        if (bin != null && bin.getFileName() != null && bin.getFileName().toString().equals("bin")
                && bin.getParent() != null) {
            return bin.getParent();
        }
        return bin == null ? launcher : bin;
    }
}
