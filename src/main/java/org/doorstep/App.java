package org.doorstep;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.doorstep.privacy.CredentialVault;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.DataDir;
import org.doorstep.store.DataDirLock;
import org.doorstep.store.Database;
import org.doorstep.store.Settings;
import org.doorstep.store.SettingsStore;

/**
 * The one place where Doorstep's services are built and wired. The command line and the window are
 * thin faces over an App; each service gets what it needs through its constructor.
 */
public final class App implements AutoCloseable {
    private final DataDir dataDir;
    private final DataDirLock lock;
    private final Database database;
    private final SettingsStore settingsStore;
    private final Settings settings;
    private final CameraRepository cameras;
    private final CredentialVault vault;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

    private App(DataDir dataDir, DataDirLock lock, Database database, SettingsStore settingsStore, Settings settings) {
        this.dataDir = dataDir;
        this.lock = lock;
        this.database = database;
        this.settingsStore = settingsStore;
        this.settings = settings;
        this.cameras = new CameraRepository(database);
        this.vault = new CredentialVault(dataDir.keys());
    }

    /**
     * Takes ownership of the data directory and opens its database.
     *
     * @param command what this process is, shown to a second process that finds the directory taken
     */
    public static App open(DataDir dir, String command)
            throws IOException, DataDirLock.HeldElsewhereException, SettingsStore.DamagedSettingsException {
        dir.create();
        DataDirLock lock = DataDirLock.acquire(dir, command);
        try {
            SettingsStore store = new SettingsStore(dir.settingsFile());
            Settings settings = store.load();
            Database db = Database.open(dir);
            return new App(dir, lock, db, store, settings);
        } catch (IOException | SettingsStore.DamagedSettingsException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public DataDir dataDir() { return dataDir; }
    public Database database() { return database; }
    public Settings settings() { return settings; }
    public SettingsStore settingsStore() { return settingsStore; }
    public CameraRepository cameras() { return cameras; }
    public CredentialVault vault() { return vault; }

    /** Registers a service to be closed (in reverse order) when the App closes. */
    public <T extends AutoCloseable> T own(T service) {
        closeables.push(service);
        return service;
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(App.class).warn("closing {} failed: {}", "service", e.toString());
            }
        }
        database.close();
        try {
            lock.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the process anyway
        }
    }
}
