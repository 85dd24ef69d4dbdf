package org.doorstep.usecase;

import java.nio.file.Path;
import org.doorstep.usecase.discovery.Discovery;
import org.doorstep.usecase.doctor.MachineCheck;

/**
 * What the faces (command line and window) receive from the composition root: every use case, and the one
 * shutdown path. Faces parse, present and call; they never build services themselves.
 */
public interface Doorstep {
    /** The data folder: {@code explicit} when given, else {@code $DOORSTEP_HOME}, else the OS's usual place. */
    Path dataFolder(Path explicit);

    /**
     * Takes the data folder for this process. Refused with a sentence (a {@link org.doorstep.common.UserException})
     * when another Doorstep process has it or it cannot be used.
     *
     * @param purpose what this process is, shown to a second process that finds the folder taken
     */
    Workspace open(Path explicit, String purpose);

    /**
     * Rebuilds the index database from the segment files when it cannot be opened (the damaged file is moved aside,
     * not deleted). Refused with a sentence when another Doorstep process has the folder.
     */
    org.doorstep.usecase.storage.RepairReport repair(Path explicit);

    Discovery discovery();

    /**
     * Where the key-encryption key of a data folder lives and why (for {@code doorstep doctor}); reads the folder's
     * record and probes the OS key store, without taking the folder.
     */
    org.doorstep.usecase.keystore.KeyStoreHome.Report keyStore(Path explicit);

    /**
     * "Stop recording now" flags of a data folder another Doorstep process holds: set here, applied and audited by
     * that process within seconds.
     */
    org.doorstep.usecase.watch.RecordingStops recordingStops(Path explicit);

    MachineCheck machine();

    /**
     * Runs {@code task} when the process is asked to end (Ctrl+C, SIGTERM, log-out) before it exits; tasks run one
     * after another, the last registered first. Closing the returned handle unregisters it.
     */
    AutoCloseable onShutdown(String name, Runnable task);

    /**
     * Lets other Doorstep processes of the same user have their commands (erase, segments, events, export, camera…)
     * carried out by this process while it holds {@code workspace} (it records; they cannot open the folder), over a
     * channel in the data folder that only this user can reach. A second start of the window is answered by
     * {@code showWindow} (bring the window forward), or with who holds the folder when it is null.
     * Closing the handle stops serving.
     */
    AutoCloseable serve(Workspace workspace, Runnable showWindow);
}
