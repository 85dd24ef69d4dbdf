package org.doorstep.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The operating system's key store, where one exists: it can hold a data folder's key-encryption keys. */
public interface OsKeyStore {

    /** Its name in a few English words ("Secret Service", "Windows DPAPI", "macOS Keychain"). */
    String name();

    /**
     * Proves the store works now: writes a throwaway item, reads it back, deletes it. Throws
     * {@link KeyStoreUnavailableException} with the store's reason when any step fails.
     */
    void probe() throws IOException;

    /**
     * Whether its items live outside the data folder (a keyring), so that a copy of the folder would share them;
     * false where the protected key is itself a file in the folder (DPAPI).
     */
    default boolean itemsOutsideTheFolder() {
        return true;
    }

    /** The home of one data folder's KEKs ({@code kekDir} is that folder's {@code keys/kek}). */
    KekHome home(Path kekDir, String folderId);

    /**
     * The store this computer offers: the Secret Service on Linux (on the session bus the environment names),
     * DPAPI on Windows, the Keychain on macOS; empty elsewhere.
     */
    static Optional<OsKeyStore> forThisComputer(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return Optional.of(new DpapiKeyStore());
        }
        if (os.contains("mac")) {
            return Optional.of(new KeychainKeyStore());
        }
        if (os.contains("linux") || os.contains("bsd")) {
            return Optional.of(new SecretServiceKeyStore(sessionBus(env)));
        }
        return Optional.empty();
    }

    /** The session bus address: the environment's, else systemd's per-user bus socket; null when there is none. */
    private static String sessionBus(Map<String, String> env) {
        String address = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (address != null && !address.isBlank()) {
            return address;
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.exists(Path.of(runtime, "bus"))) {
            return "unix:path=" + Path.of(runtime, "bus");
        }
        return null;
    }
}
