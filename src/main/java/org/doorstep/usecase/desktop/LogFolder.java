package org.doorstep.usecase.desktop;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the logs go. With the default data folder they go where the OS keeps application logs (Linux {@code
 * $XDG_STATE_HOME/doorstep/logs}, else {@code ~/.local/state/doorstep/logs}; macOS {@code ~/Library/Logs/Doorstep};
 * Windows {@code %LOCALAPPDATA%\Doorstep\logs}), so the OS's log tools find them; with a data folder chosen by
 * {@code --data-dir} or {@code DOORSTEP_HOME} they stay inside it, so test and second installs do not mix.
 * Rotation and the size cap are in logback.xml (3 files of at most 10 MB).
 */
public final class LogFolder {
    private LogFolder() {}

    public static Path resolve(boolean defaultDataFolder, Path dataFolder, Map<String, String> env, String osName,
                               Path userHome) {
        if (!defaultDataFolder) {
            return dataFolder.resolve("logs");
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : userHome.resolve("AppData").resolve("Local");
            return base.resolve("Doorstep").resolve("logs");
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Logs").resolve("Doorstep");
        }
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state) : userHome.resolve(".local").resolve("state");
        return base.resolve("doorstep").resolve("logs");
    }
}
