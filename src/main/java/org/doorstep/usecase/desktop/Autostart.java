package org.doorstep.usecase.desktop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;

/**
 * Start at login, the way each OS expects it: an XDG autostart entry on Linux ({@code
 * $XDG_CONFIG_HOME/autostart/doorstep.desktop}), a LaunchAgent on macOS ({@code
 * ~/Library/LaunchAgents/org.doorstep.Doorstep.plist}), the current user's Run key on Windows (through {@code
 * reg.exe}, so no native code). Off by default; it starts the installed launcher with {@link #HIDDEN}, so after login
 * Doorstep records in the tray without a window in the way (where the desktop has no tray the window shows).
 */
public final class Autostart {
    /** The flag every start-at-login entry passes: start in the tray, window hidden. */
    public static final String HIDDEN = "--hidden";

    public enum Os { LINUX, MAC, WINDOWS }

    static final String RUN_KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String VALUE_NAME = "Doorstep";
    static final String MAC_LABEL = "org.doorstep.Doorstep";

    /** Runs a program and answers its exit code (reg.exe on Windows; a fake in tests). */
    @FunctionalInterface
    public interface Commands {
        int run(List<String> command) throws IOException;
    }

    private final Os os;
    private final Map<String, String> env;
    private final Path home;
    private final Optional<Path> launcher;
    private final Commands commands;

    /**
     * @param launcher the installed program to start (jpackage's launcher or bin/doorstep); empty when Doorstep runs
     *                 from a build tree, where start at login is refused with a sentence
     */
    public Autostart(Os os, Map<String, String> env, Path home, Optional<Path> launcher, Commands commands) {
        this.os = os;
        this.env = env;
        this.home = home;
        this.launcher = launcher;
        this.commands = commands;
    }

    /** For this computer and this process's launcher (jpackage sets jpackage.app-path, bin/doorstep sets doorstep.launcher). */
    public static Autostart forThisComputer() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Os os = name.startsWith("windows") ? Os.WINDOWS : name.startsWith("mac") ? Os.MAC : Os.LINUX;
        String path = System.getProperty("jpackage.app-path", System.getProperty("doorstep.launcher"));
        Optional<Path> launcher = path == null || path.isBlank() ? Optional.empty() : Optional.of(Path.of(path));
        return new Autostart(os, System.getenv(), Path.of(System.getProperty("user.home")), launcher,
                command -> {
                    try {
                        return new ProcessBuilder(command).redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                });
    }

    /** The file that makes it start (Linux, macOS); empty on Windows, where it is a registry value. */
    public Optional<Path> entryFile() {
        return switch (os) {
            case LINUX -> {
                String xdg = env.get("XDG_CONFIG_HOME");
                Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
                yield Optional.of(config.resolve("autostart").resolve("doorstep.desktop"));
            }
            case MAC -> Optional.of(home.resolve("Library").resolve("LaunchAgents").resolve(MAC_LABEL + ".plist"));
            case WINDOWS -> Optional.empty();
        };
    }

    public boolean enabled() {
        if (os == Os.WINDOWS) {
            try {
                return commands.run(List.of("reg.exe", "query", RUN_KEY, "/v", VALUE_NAME)) == 0;
            } catch (IOException e) {
                return false;
            }
        }
        return Files.exists(entryFile().orElseThrow());
    }

    /** Turns start at login on or off; already so is fine. */
    public void set(boolean on) {
        if (on) {
            enable();
        } else {
            disable();
        }
    }

    private void enable() {
        Path program = launcher.orElseThrow(() ->
                new UserException(Messages.of("desktop").get("autostart.noLauncher")));
        try {
            if (os == Os.WINDOWS) {
                int code = commands.run(List.of("reg.exe", "add", RUN_KEY, "/v", VALUE_NAME, "/t", "REG_SZ",
                        "/d", "\"" + program + "\" " + HIDDEN, "/f"));
                if (code != 0) {
                    throw new UserException(Messages.of("desktop").get("autostart.failed", "reg.exe " + code));
                }
                return;
            }
            Path file = entryFile().orElseThrow();
            Files.createDirectories(file.getParent());
            Files.writeString(file, os == Os.LINUX ? desktopEntry(program) : launchAgent(program));
        } catch (IOException | UncheckedIOException e) {
            throw new UserException(Messages.of("desktop").get("autostart.failed", e.getMessage()));
        }
    }

    private void disable() {
        try {
            if (os == Os.WINDOWS) {
                if (enabled()) {
                    commands.run(List.of("reg.exe", "delete", RUN_KEY, "/v", VALUE_NAME, "/f"));
                }
                return;
            }
            Files.deleteIfExists(entryFile().orElseThrow());
        } catch (IOException e) {
            throw new UserException(Messages.of("desktop").get("autostart.failed", e.getMessage()));
        }
    }

    static String desktopEntry(Path program) {
        return "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=Doorstep\n"
                + "Comment=Records your cameras on this computer\n"
                + "Exec=\"" + program.toString().replace("\"", "\\\"") + "\" " + HIDDEN + "\n"
                + "Icon=" + icon(program) + "\n"
                + "Terminal=false\n"
                + "X-GNOME-Autostart-enabled=true\n";
    }

    /** jpackage puts the icon beside the app's jars (bin/../lib/doorstep.png); else the icon theme's name. */
    private static String icon(Path program) {
        Path parent = program.toAbsolutePath().getParent();
        Path png = parent == null || parent.getParent() == null ? null
                : parent.getParent().resolve("lib").resolve("doorstep.png");
        return png != null && Files.exists(png) ? png.toString() : "doorstep";
    }

    static String launchAgent(Path program) {
        String escaped = program.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""
                + " \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<plist version=\"1.0\">\n<dict>\n"
                + "  <key>Label</key><string>" + MAC_LABEL + "</string>\n"
                + "  <key>ProgramArguments</key><array><string>" + escaped + "</string><string>" + HIDDEN
                + "</string></array>\n"
                + "  <key>RunAtLoad</key><true/>\n"
                + "</dict>\n</plist>\n";
    }
}
