package org.doorstep.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.doorstep.usecase.Doorstep;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.discovery.Discovery;
import org.doorstep.usecase.doctor.MachineCheck;

/**
 * What a command carried out for another process sees: the owner's open workspace instead of a folder to open
 * (closing it when the command ends leaves it open, it belongs to the owner), and "the asking process went away"
 * in place of Ctrl+C.
 */
final class ServedDoorstep implements Doorstep {
    private final Doorstep owner;
    private final Workspace workspace;
    private final Workspace borrowed;
    private final List<Runnable> onGone = new CopyOnWriteArrayList<>();

    ServedDoorstep(Doorstep owner, Workspace workspace) {
        this.owner = owner;
        this.workspace = workspace;
        this.borrowed = borrowed(workspace);
    }

    /** The workspace with {@code close()} doing nothing; every other method is the owner's. */
    private static Workspace borrowed(Workspace workspace) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                return null;
            }
            try {
                return method.invoke(workspace, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Workspace) Proxy.newProxyInstance(Workspace.class.getClassLoader(), new Class<?>[] {Workspace.class},
                handler);
    }

    @Override
    public Path dataFolder(Path explicit) {
        return workspace.folder();
    }

    @Override
    public Workspace open(Path explicit, String purpose) {
        return borrowed;
    }

    @Override
    public org.doorstep.usecase.watch.RecordingStops recordingStops(Path explicit) {
        return workspace.recordingStops(); // the owner's: audited and applied at once
    }

    @Override
    public org.doorstep.usecase.storage.RepairReport repair(Path explicit) {
        // never reached: repair runs in its own process (LocalCommandClient), as it replaces the owner's database
        throw new org.doorstep.common.UserException(org.doorstep.common.Messages.of("channel").get("repairHere"),
                org.doorstep.common.UserException.EXIT_BUSY);
    }

    @Override
    public org.doorstep.usecase.keystore.KeyStoreHome.Report keyStore(Path explicit) {
        return workspace.keyStore().report(); // the owner's, as it placed the key at its start
    }

    @Override
    public Discovery discovery() {
        return owner.discovery();
    }

    @Override
    public MachineCheck machine() {
        return owner.machine();
    }

    @Override
    public AutoCloseable onShutdown(String name, Runnable task) {
        onGone.add(task);
        return () -> onGone.remove(task);
    }

    @Override
    public AutoCloseable serve(Workspace workspace, Runnable showWindow) {
        return () -> { }; // the owner already serves
    }

    /** The asking process went away (Ctrl+C there): what its command registered for that runs now. */
    void askerGone() {
        for (Runnable task : onGone) {
            task.run();
        }
    }
}
