package org.doorstep.usecase.player;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.doorstep.media.FrameTarget;
import org.doorstep.media.Picture;
import org.doorstep.playback.Notice;
import org.doorstep.playback.PlaybackService;
import org.doorstep.playback.PlaybackSession;
import org.doorstep.playback.TargetOut;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.doorstep.common.Messages;
import org.doorstep.common.StoreException;
import org.doorstep.common.UserException;
import org.doorstep.playback.ExportService;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.usecase.cameras.CameraCatalog;

/**
 * Getting recordings back out: playback of 1–16 cameras under one playhead, scrubbing previews, and a time range of
 * one camera as a standard MP4 (decrypted in memory only, G.711 turned into AAC).
 */
public final class PlayerService {
    private final CameraCatalog cameras;
    private final ExportService export;
    private final PlaybackService playback;
    private final Path stillFolder;
    private final ZoneId zone;
    private final org.doorstep.usecase.audit.Audit audit;
    private final org.doorstep.usecase.lock.AppLock lock;

    /**
     * @param stillFolder where "save a still" writes (Pictures/Doorstep, or the data folder's exports)
     * @param audit       notes each playback (cameras and range viewed) and each export written
     * @param lock        playback, previews and exports need the app unlocked
     */
    public PlayerService(CameraCatalog cameras, ExportService export, PlaybackService playback, Path stillFolder,
                         ZoneId zone, org.doorstep.usecase.audit.Audit audit, org.doorstep.usecase.lock.AppLock lock) {
        this.cameras = cameras;
        this.export = export;
        this.playback = playback;
        this.stillFolder = stillFolder;
        this.zone = zone;
        this.audit = audit;
        this.lock = lock;
    }

    /** Pictures/Doorstep in the person's home when there is a Pictures folder, else {@code fallback}. */
    public static Path stillFolder(Path home, Path fallback) {
        Path pictures = home.resolve("Pictures");
        return java.nio.file.Files.isDirectory(pictures) ? pictures.resolve("Doorstep") : fallback;
    }

    /** What a playback tells its window. Called on player threads. */
    public interface PlaybackListener {
        /** Whether {@code camera} shows footage (true) or "no recording" (false) at the playhead. */
        void recording(String camera, boolean showing);

        /** A sentence for the person (a skipped gap, a damaged piece, no sound device). */
        void notice(Notice notice);
    }

    /**
     * Opens a paused playback of {@code cameraNames} (1–16) at {@code at}, each camera's pictures going to its target.
     *
     * @param sound play the first camera's recorded sound (silently, with one notice, where there is no device)
     */
    public Playback open(List<String> cameraNames, Instant at, Function<String, FrameTarget> targets,
                         PlaybackListener listener, boolean sound) {
        lock.require(org.doorstep.usecase.lock.AppLock.Access.PLAYBACK);
        if (cameraNames.isEmpty() || cameraNames.size() > 16) {
            throw new UserException(Messages.of("player").get("open.count"), UserException.EXIT_USAGE);
        }
        List<PlaybackSession.Source> sources = new ArrayList<>();
        List<TargetOut> outs = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (String name : cameraNames) {
            long id = cameras.find(name)
                    .orElseThrow(() -> CameraCatalog.unknownCamera(name, UserException.EXIT_USAGE)).id();
            TargetOut out = new TargetOut(targets.apply(name), showing -> listener.recording(name, showing));
            outs.add(out);
            ids.add(id);
            sources.add(new PlaybackSession.Source(id, name, out));
        }
        PlaybackSession session = playback.open(sources, at, listener::notice, sound, zone);
        List<String> names = List.copyOf(cameraNames);
        names.forEach(name -> audit.viewed(name, at, null)); // noted at the start: a crash must not hide a view
        return new Playback(session, playback, ids, outs, stillFolder, end -> names.forEach(name ->
                audit.viewed(name, end == null || end.isAfter(at) ? at : end, end == null || end.isBefore(at) ? at : end)));
    }

    /**
     * The keyframe nearest before {@code at} of {@code cameraName}, at most {@code maxWidth} wide: what the timeline
     * shows while the playhead is dragged. Empty where nothing was recorded.
     */
    public Optional<Picture> preview(String cameraName, Instant at, int maxWidth) {
        lock.require(org.doorstep.usecase.lock.AppLock.Access.PLAYBACK);
        long id = cameras.find(cameraName)
                .orElseThrow(() -> CameraCatalog.unknownCamera(cameraName, UserException.EXIT_USAGE)).id();
        try {
            return playback.preview(id, at, maxWidth).map(p -> new Picture(p.width(), p.height(), p.argb()));
        } catch (SQLException e) {
            throw new StoreException(e);
        } catch (IOException e) {
            return Optional.empty(); // a damaged or erased recording has no preview; playing it says why
        }
    }

    /** Progress from 0 to 1. */
    @FunctionalInterface
    public interface Progress {
        void at(double fraction);
    }

    /**
     * Writes {@code cameraName}'s recordings between {@code from} and {@code to} to {@code out}; a cancelled export
     * leaves no file and ends with {@link CancellationException}.
     */
    public ExportService.Result export(String cameraName, Instant from, Instant to, Path out, Progress progress,
                                       BooleanSupplier cancelled) {
        return export(cameraName, from, to, out, progress, cancelled, java.util.List.of());
    }

    /**
     * Like {@link #export(String, Instant, Instant, Path, Progress, BooleanSupplier)}, with regions blurred in the
     * video (an access request under Art. 15 GDPR: the people asking see themselves, third parties are blurred). With
     * regions the video is re-encoded by the first H.264 encoder that opens here (hardware first); without, copied.
     */
    public ExportService.Result export(String cameraName, Instant from, Instant to, Path out, Progress progress,
                                       BooleanSupplier cancelled,
                                       java.util.List<org.doorstep.motion.MotionMask.Polygon> blurRegions) {
        lock.require(org.doorstep.usecase.lock.AppLock.Access.EXPORT);
        if (!blurRegions.isEmpty()) { // an access request hands footage to someone outside: an owner's decision
            lock.require(org.doorstep.usecase.lock.AppLock.Access.ACCESS_REQUEST);
        }
        Messages m = Messages.of("record");
        ExportService.Blur blur = null;
        if (!blurRegions.isEmpty()) {
            String encoder = org.doorstep.media.H264Encoders.choose(org.doorstep.media.H264Encoders.probeAll());
            if (encoder == null) {
                throw new UserException(Messages.of("privacymasks").get("export.noEncoder"));
            }
            blur = new ExportService.Blur(new org.doorstep.motion.MotionMask(blurRegions)::raster, encoder);
        }
        if (!to.isAfter(from)) {
            throw new UserException(m.get("cli.badRange"), UserException.EXIT_USAGE);
        }
        long cameraId = cameras.find(cameraName)
                .orElseThrow(() -> CameraCatalog.unknownCamera(cameraName, UserException.EXIT_USAGE)).id();
        try {
            ExportService.Result result = export.export(cameraId, from, to, out.toAbsolutePath(), progress::at,
                    cancelled, blur);
            audit.exported(cameraName, from, to, result.file());
            return result;
        } catch (CancellationException e) {
            throw e; // not a failure: the caller cancelled, and must hear so rather than get a sentence
        } catch (ExportService.NothingToExportException e) {
            throw new UserException(m.get("cli.nothingToExport", cameraName, from, to));
        } catch (DecryptingSegmentReader.KeyMissingException | DecryptingSegmentReader.DamagedSegmentException e) {
            throw new UserException(m.get("cli.exportFailed", e.getMessage()));
        } catch (SQLException e) {
            throw new StoreException(e);
        } catch (Exception e) {
            throw new UserException(m.get("cli.exportFailed", e.getMessage()));
        }
    }
}
