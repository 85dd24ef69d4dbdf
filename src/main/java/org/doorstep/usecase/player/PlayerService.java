package org.doorstep.usecase.player;

import java.nio.file.Path;
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
 * Getting recordings back out: a time range of one camera as a standard MP4 (decrypted in memory only, G.711 turned
 * into AAC). The player of the window builds on the same segment reader.
 */
public final class PlayerService {
    private final CameraCatalog cameras;
    private final ExportService export;
    private final org.doorstep.store.AuditLog audit;
    private final java.time.Clock clock;

    public PlayerService(CameraCatalog cameras, ExportService export) {
        this(cameras, export, null, java.time.Clock.systemUTC());
    }

    /**
     * @param audit where written exports are noted (camera, range, file), so that an erase of that footage can find
     *              and offer to remove them; null to note nothing
     */
    public PlayerService(CameraCatalog cameras, ExportService export, org.doorstep.store.AuditLog audit,
                         java.time.Clock clock) {
        this.cameras = cameras;
        this.export = export;
        this.audit = audit;
        this.clock = clock;
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
        Messages m = Messages.of("record");
        if (!to.isAfter(from)) {
            throw new UserException(m.get("cli.badRange"), UserException.EXIT_USAGE);
        }
        long cameraId = cameras.find(cameraName)
                .orElseThrow(() -> CameraCatalog.unknownCamera(cameraName, UserException.EXIT_USAGE)).id();
        try {
            ExportService.Result result = export.export(cameraId, from, to, out.toAbsolutePath(), progress::at, cancelled);
            if (audit != null) {
                audit.record(clock.instant(), "export", "camera=" + cameraId + " from=" + from + " to=" + to
                        + " file=" + result.file().toAbsolutePath());
            }
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
