package org.doorstep.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.doorstep.common.Permissions;
/**
 * The folder that holds everything Doorstep keeps: settings, the database, encrypted segments and
 * thumbnails, keys and caches. Resolution order: explicit {@code --data-dir}, env {@code DOORSTEP_HOME},
 * then the platform's usual place for per-user application data.
 */
public record DataDir(Path root) {

    public DataDir {
        root = root.toAbsolutePath().normalize();
    }

    public static DataDir resolve(Path explicit, Map<String, String> env, String osName, Path userHome) {
        if (explicit != null) {
            return new DataDir(explicit);
        }
        String fromEnv = env.get("DOORSTEP_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DataDir(Path.of(fromEnv));
        }
        return new DataDir(platformDefault(env, osName, userHome));
    }

    public static DataDir resolveDefault(Path explicit) {
        return resolve(explicit, System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    static Path platformDefault(Map<String, String> env, String osName, Path userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : userHome.resolve("AppData").resolve("Local");
            return base.resolve("Doorstep");
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("Doorstep");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".local").resolve("share");
        return base.resolve("doorstep");
    }

    public Path settingsFile() { return root.resolve("settings.json"); }
    public Path database() { return root.resolve("db").resolve("doorstep"); }
    public Path segments() { return root.resolve("segments"); }
    public Path thumbnails() { return root.resolve("thumbnails"); }
    public Path keys() { return root.resolve("keys"); }
    public Path cache() { return root.resolve("cache"); }
    public Path exports() { return root.resolve("exports"); }
    public Path logs() { return root.resolve("logs"); }
    public Path lockFile() { return root.resolve("doorstep.lock"); }
    public Path ownerFile() { return root.resolve("doorstep.owner"); }

    /** Creates the folder tree; keys and segments are readable by the owner only where the OS supports it. */
    public DataDir create() {
        try {
            for (Path p : new Path[] {root, database().getParent(), thumbnails(), keys(), cache(), exports(), logs()}) {
                Files.createDirectories(p);
            }
            // the segments folder only on a folder that never recorded: once it has (SegmentFiles adopted it), a
            // missing one is a deleted folder or an unplugged drive, which SegmentFiles tells apart
            if (!Files.exists(root.resolve(SegmentFiles.EXPECTED_VOLUME))) {
                Files.createDirectories(segments());
            }
            Permissions.ownerOnly(root);
            Permissions.ownerOnly(keys());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
