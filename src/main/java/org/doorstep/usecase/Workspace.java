package org.doorstep.usecase;

import java.nio.file.Path;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.demo.DemoDoorbell;
import org.doorstep.usecase.erase.Erase;
import org.doorstep.usecase.player.PlayerService;
import org.doorstep.usecase.timeline.TimelineService;
import org.doorstep.usecase.watch.Watch;

/**
 * One data folder, taken by this process: the use cases that need recordings, cameras and keys. Closing it stops
 * whatever it started (recording first, so every segment is closed cleanly) and releases the folder.
 */
public interface Workspace extends AutoCloseable {
    Path folder();

    CameraCatalog catalog();

    TimelineService timeline();

    PlayerService player();

    /** Recording, motion and camera events; built on first use (it checks the hardware decoders). */
    Watch watch();

    DemoDoorbell demo();

    /** Erasing footage for good, and the receipts of past erases. */
    Erase erase();

    @Override
    void close();
}
