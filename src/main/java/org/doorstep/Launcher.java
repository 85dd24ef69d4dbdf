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

    @Override
    public Path dataFolder(Path explicit) {
        return DataDir.resolveDefault(explicit).root();
    }

    @Override
    public Workspace open(Path explicit, String purpose) {
        Messages m = Messages.of("cli");
        DataDir dir = DataDir.resolveDefault(explicit);
        try {
            return App.open(dir, purpose, machine);
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
    public org.doorstep.usecase.watch.RecordingStops recordingStops(Path explicit) {
        return org.doorstep.usecase.watch.RecordingStops.flagsOnly(
                new org.doorstep.store.RecordingObjections(dataFolder(explicit)), java.time.Clock.systemUTC());
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
