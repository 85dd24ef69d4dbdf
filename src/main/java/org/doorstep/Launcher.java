package org.doorstep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.doorstep.cli.LocalCommandServer;
import org.doorstep.common.JsonMapper;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.store.DataDir;
import org.doorstep.store.DataDirLock;
import org.doorstep.store.SettingsStore;
import org.doorstep.usecase.Doorstep;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.discovery.Discovery;
import org.doorstep.usecase.doctor.MachineCheck;

/**
 * The composition root: the one place that builds Doorstep's objects and owns their lifecycle. It hands the faces
 * the use cases (through {@link Doorstep}) and opens data folders as {@link App}s.
 */
public final class Launcher implements Doorstep {
    private final ShutdownHook shutdown = new ShutdownHook();
    private final MachineCheck machine = new MachineCheck();
    private final Discovery discovery = new Discovery(AddressPolicy.lanOnly());
    /**
     * The OS key store offered for key-encryption keys. {@code -Ddoorstep.osKeyStore=off} offers none: the test
     * suite sets it so that no test ever writes into the developer's own keyring.
     */
    private final java.util.Optional<org.doorstep.privacy.OsKeyStore> osKeys =
            "off".equals(System.getProperty("doorstep.osKeyStore")) ? java.util.Optional.empty()
                    : org.doorstep.privacy.OsKeyStore.forThisComputer(System.getenv());

    @Override
    public Path dataFolder(Path explicit) {
        return DataDir.resolveDefault(explicit).root();
    }

    @Override
    public Workspace open(Path explicit, String purpose) {
        Messages m = Messages.of("cli");
        DataDir dir = DataDir.resolveDefault(explicit);
        try {
            return App.open(dir, purpose, machine, osKeys);
        } catch (org.doorstep.store.Database.UnreadableException e) {
            throw damaged(dir, e);
        } catch (DataDirLock.HeldElsewhereException e) {
            DataDirLock.Owner owner = e.owner();
            throw new UserException(m.get("error.dataDirBusy", dir.root(), owner.pid(), owner.command()),
                    UserException.EXIT_BUSY);
        } catch (SettingsStore.DamagedSettingsException e) {
            throw new UserException(m.get("error.settingsDamaged", e.file()));
        } catch (IOException | UncheckedIOException e) {
            throw new UserException(m.get("error.dataDirUnusable", dir.root(), e.getMessage()));
        }
    }

    @Override
    public org.doorstep.usecase.keystore.KeyStoreHome.Report keyStore(Path explicit) {
        return org.doorstep.usecase.keystore.KeyStoreHome.ofFolder(DataDir.resolveDefault(explicit).keys(), osKeys,
                java.util.Locale.getDefault());
    }

    @Override
    public org.doorstep.usecase.watch.RecordingStops recordingStops(Path explicit) {
        return org.doorstep.usecase.watch.RecordingStops.flagsOnly(
                new org.doorstep.store.RecordingObjections(dataFolder(explicit)), java.time.Clock.systemUTC());
    }

    @Override
    public org.doorstep.usecase.storage.RepairReport repair(Path explicit) {
        Messages m = Messages.of("cli");
        DataDir dir = DataDir.resolveDefault(explicit);
        try {
            return App.repairIndex(dir, machine, osKeys);
        } catch (DataDirLock.HeldElsewhereException e) {
            DataDirLock.Owner owner = e.owner();
            throw new UserException(m.get("error.dataDirBusy", dir.root(), owner.pid(), owner.command()),
                    UserException.EXIT_BUSY);
        } catch (SettingsStore.DamagedSettingsException e) {
            throw new UserException(m.get("error.settingsDamaged", e.file()));
        } catch (org.doorstep.store.Database.UnreadableException e) {
            throw damaged(dir, e); // the new database could not be made either
        } catch (IOException | UncheckedIOException e) {
            throw new UserException(m.get("error.dataDirUnusable", dir.root(), e.getMessage()));
        }
    }

    /**
     * The sentence for an index database that cannot be opened: which file, what H2 said, how many recordings are
     * there (counted now, not assumed), and the way forward.
     */
    private static UserException damaged(DataDir dir, org.doorstep.store.Database.UnreadableException e) {
        org.slf4j.LoggerFactory.getLogger(Launcher.class).error("index database cannot be opened", e);
        long files = 0;
        long bytes = 0;
        if (java.nio.file.Files.isDirectory(dir.segments())) {
            try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(dir.segments())) {
                for (Path p : walk.filter(p -> p.toString().endsWith(".dseg")).toList()) {
                    files++;
                    bytes += p.toFile().length();
                }
            } catch (IOException | UncheckedIOException ignored) {
                files = -1;
            }
        }
        Messages m = Messages.of("storage");
        String footage = files < 0 ? m.get("damaged.footageUnknown", dir.segments())
                : m.get("damaged.footage", files, String.format("%.1f", bytes / 1e6), dir.segments());
        return new UserException(m.get("damaged.database", e.file(), e.reason(), footage));
    }

    @Override
    public Discovery discovery() {
        return discovery;
    }

    @Override
    public MachineCheck machine() {
        return machine;
    }

    @Override
    public AutoCloseable onShutdown(String name, Runnable task) {
        return shutdown.register(name, task);
    }

    @Override
    public AutoCloseable serve(Workspace workspace, Runnable showWindow) {
        return LocalCommandServer.start(this, workspace, showWindow, JsonMapper.create());
    }
}
