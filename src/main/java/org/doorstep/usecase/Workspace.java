package org.doorstep.usecase;

import java.nio.file.Path;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.demo.DemoDoorbell;
import org.doorstep.usecase.events.EventReview;
import org.doorstep.usecase.owner.OwnerController;
import org.doorstep.usecase.live.LiveView;
import org.doorstep.usecase.erase.Erase;
import org.doorstep.usecase.player.PlayerService;
import org.doorstep.usecase.setup.CameraSetup;
import org.doorstep.usecase.settings.AppSettings;
import org.doorstep.usecase.settings.CameraStills;
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

    /** Events per day, their thumbnails and review marks, and which days and times have footage. */
    EventReview events();

    /** Recording, motion and camera events; built on first use (it checks the hardware decoders). */
    Watch watch();

    /** What each camera's motion analysis costs: measured while it runs here, else estimated (doctor, settings). */
    org.doorstep.usecase.watch.MotionCosts motionCosts();

    DemoDoorbell demo();

    /** The camera wizard: find, check, preview and save a camera. */
    CameraSetup setup();

    /** Who records, and why (asked on first run). */
    OwnerController owner();

    /** Live video and single pictures of the cameras. */
    LiveView live();
    /** The app-wide choices of the window (theme, language, storage cap) and the storage folder's state. */
    AppSettings appSettings();

    /** A still picture of a camera, to draw masks on. */
    CameraStills stills();
    /** Where the key-encryption key lives (OS key store or the folder), and the owner's switch between them. */
    org.doorstep.usecase.keystore.KeyStoreHome keyStore();

    /** Erasing footage for good, and the receipts of past erases. */
    Erase erase();

    /** Clips kept as evidence: retention leaves them until released; erase still reaches them. */
    org.doorstep.usecase.keep.KeptClips keep();

    /** "Stop recording now" (an objection) for one camera or all, and resuming it. */
    org.doorstep.usecase.watch.RecordingStops recordingStops();

    /** Quiet hours per camera for desktop notifications. */
    org.doorstep.usecase.desktop.NotificationSettings notifications();
    /** The information sign and the record of processing, made from the current settings. */
    org.doorstep.usecase.paperwork.Paperwork paperwork();
    /** The app lock: playback, export, erase and settings need its password while it is locked. */
    org.doorstep.usecase.lock.AppLock lock();

    /** Exports with a preset: quick clip, evidence (time burned in, SHA-256, data sheet), access request (Art. 15). */
    org.doorstep.usecase.player.PresetExports presetExports();

    /** The audit log: who viewed, exported, erased, changed privacy settings, locked and unlocked. */
    org.doorstep.usecase.audit.Audit audit();

    /** The recordings folder: its disk, retention shortfalls, moving it elsewhere. */
    org.doorstep.usecase.storage.Storage storage();

    @Override
    void close();
}
