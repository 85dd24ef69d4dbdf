package org.doorstep.usecase.player;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.doorstep.common.Messages;
import org.doorstep.common.StoreException;
import org.doorstep.common.UserException;
import org.doorstep.media.H264Encoders;
import org.doorstep.motion.MotionMask;
import org.doorstep.playback.EvidenceStamp;
import org.doorstep.playback.ExportService;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.store.Camera;
import org.doorstep.usecase.audit.Audit;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.lock.AppLock;
import org.doorstep.usecase.paperwork.ExportSheetFacts;
import org.doorstep.usecase.paperwork.Paperwork;

/**
 * Exports with a preset ({@link ExportPreset}), shared by the export dialog and {@code export --preset}: the quick
 * clip (packet copy), evidence (date, time and camera burned in; a {@code .sha256} file; a data sheet PDF) and an
 * access request under Art. 15 GDPR (user-drawn regions blurred; the Art. 15 data sheet PDF). Every preset needs the
 * app unlocked and leaves one audit row per file written, naming the preset (an erase finds the files by these rows).
 *
 * <p>The files are complete or absent: the video is written under a temporary name by the exporter, and when the
 * hash or the sheet fails afterwards, the files already written are removed again.
 */
public final class PresetExports {
    /** The share of the progress bar the video takes; the hash and the sheet take the rest. */
    private static final double VIDEO_SHARE = 0.95;

    private final CameraCatalog cameras;
    private final ExportService export;
    private final Paperwork paperwork;
    private final Audit audit;
    private final AppLock lock;
    private final Clock clock;
    private final ZoneId zone;

    public PresetExports(CameraCatalog cameras, ExportService export, Paperwork paperwork, Audit audit, AppLock lock,
                         Clock clock, ZoneId zone) {
        this.cameras = cameras;
        this.export = export;
        this.paperwork = paperwork;
        this.audit = audit;
        this.lock = lock;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * One export to make.
     *
     * @param out      the video file (MP4); the hash and the sheet are written beside it
     * @param blur     regions to blur (fractions of the picture); used by the access request, and by evidence only
     *                 when given
     * @param language the data sheet's language (English or German)
     */
    public record Request(String camera, Instant from, Instant to, Path out, ExportPreset preset,
                          List<MotionMask.Polygon> blur, Locale language) {
        public Request {
            blur = List.copyOf(blur);
        }
    }

    /**
     * What was written: the video's result, its SHA-256, and the hash file and the sheet (null where the preset
     * writes none).
     */
    public record Outcome(ExportService.Result video, String sha256, Path hashFile, Path sheet) {
        /** Every file written, the video first. */
        public List<Path> files() {
            List<Path> all = new ArrayList<>(List.of(video.file()));
            if (hashFile != null) {
                all.add(hashFile);
            }
            if (sheet != null) {
                all.add(sheet);
            }
            return all;
        }
    }

    /** The hash file beside {@code video}: {@code NAME.mp4.sha256}, readable by {@code sha256sum -c}. */
    public static Path hashFileFor(Path video) {
        return video.resolveSibling(video.getFileName() + ".sha256");
    }

    /** The data sheet beside {@code video}: {@code NAME.pdf}. */
    public static Path sheetFor(Path video) {
        String name = video.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".mp4") ? name.substring(0, name.length() - 4) : name;
        return video.resolveSibling(base + ".pdf");
    }

    /** The files {@code preset} writes for {@code video}, the video first (to check none exists yet). */
    public static List<Path> filesFor(ExportPreset preset, Path video) {
        return switch (preset) {
            case QUICK -> List.of(video);
            case EVIDENCE -> List.of(video, hashFileFor(video), sheetFor(video));
            case ACCESS_REQUEST -> List.of(video, sheetFor(video));
        };
    }

    /**
     * Makes the export; a cancelled one leaves no file and ends with {@link CancellationException}.
     *
     * @param progress 0 to 1
     */
    public Outcome export(Request r, PlayerService.Progress progress, BooleanSupplier cancelled) {
        lock.require(AppLock.Access.EXPORT);
        if (r.preset() == ExportPreset.ACCESS_REQUEST) {
            lock.require(AppLock.Access.ACCESS_REQUEST); // an owner's decision: whose faces are blurred, what goes out
        }
        Messages m = Messages.of("record");
        Messages p = Messages.of("presets");
        if (!r.to().isAfter(r.from())) {
            throw new UserException(m.get("cli.badRange"), UserException.EXIT_USAGE);
        }
        Camera camera = cameras.find(r.camera())
                .orElseThrow(() -> CameraCatalog.unknownCamera(r.camera(), UserException.EXIT_USAGE));
        Path out = r.out().toAbsolutePath();
        for (Path f : filesFor(r.preset(), out)) {
            if (Files.exists(f)) {
                throw new UserException(p.get("error.exists", f.getFileName()), UserException.EXIT_USAGE);
            }
        }
        boolean blur = !r.blur().isEmpty();
        ExportService.Reencode edit = null;
        String encoder = null;
        if (r.preset().reencodes(blur)) {
            encoder = H264Encoders.choose(H264Encoders.probeAll());
            if (encoder == null) {
                throw new UserException(p.get("error.noEncoder"));
            }
            edit = new ExportService.Reencode(blur ? new MotionMask(r.blur())::raster : null,
                    r.preset() == ExportPreset.EVIDENCE ? new EvidenceStamp(camera.name(), zone) : null, encoder);
        }
        ExportService.Result video;
        try {
            video = export.export(camera.id(), r.from(), r.to(), out, f -> progress.at(f * VIDEO_SHARE), cancelled,
                    edit);
        } catch (CancellationException e) {
            throw e; // not a failure: the caller cancelled, and must hear so rather than get a sentence
        } catch (ExportService.NothingToExportException e) {
            throw new UserException(m.get("cli.nothingToExport", r.camera(), r.from(), r.to()));
        } catch (DecryptingSegmentReader.KeyMissingException | DecryptingSegmentReader.DamagedSegmentException e) {
            throw new UserException(m.get("cli.exportFailed", e.getMessage()));
        } catch (SQLException e) {
            throw new StoreException(e);
        } catch (IOException | RuntimeException e) {
            throw new UserException(m.get("cli.exportFailed", e.getMessage()));
        }
        List<Path> written = new ArrayList<>(List.of(video.file()));
        boolean ok = false;
        try {
            audit.exported(camera.name(), r.from(), r.to(), video.file(), r.preset().cliName());
            if (r.preset() == ExportPreset.QUICK) {
                ok = true;
                progress.at(1);
                return new Outcome(video, null, null, null);
            }
            String sha256 = sha256(video.file());
            Path hashFile = null;
            if (r.preset() == ExportPreset.EVIDENCE) {
                hashFile = hashFileFor(video.file());
                Files.writeString(hashFile, sha256 + "  " + video.file().getFileName() + "\n",
                        StandardCharsets.UTF_8);
                written.add(hashFile);
                audit.exported(camera.name(), r.from(), r.to(), hashFile, r.preset().cliName());
            }
            Messages sheetText = Messages.of("presets", Paperwork.language(r.language()));
            String how = sheetText.get("sheet.how.text", video.segments(),
                    encoder == null ? sheetText.get("sheet.how.copied") : sheetText.get(
                            r.preset() == ExportPreset.EVIDENCE ? "sheet.how.stamped" : "sheet.how.blurred", encoder));
            ExportSheetFacts facts = new ExportSheetFacts(camera.name(), r.from(), r.to(), zone, camera.retention(),
                    camera.options().recordAudio(), how, video.file().getFileName().toString(), video.bytes(), sha256,
                    clock.instant(), audit.actor(), video.damaged().stream()
                            .map(d -> new ExportSheetFacts.Range(d.from(), d.to())).toList(), r.blur().size());
            Path sheet = paperwork.writeExportSheet(r.preset() == ExportPreset.EVIDENCE, facts, r.language(),
                    sheetFor(video.file()));
            written.add(sheet);
            audit.exported(camera.name(), r.from(), r.to(), sheet, r.preset().cliName());
            progress.at(1);
            ok = true;
            return new Outcome(video, sha256, hashFile, sheet);
        } catch (IOException e) {
            throw new UserException(m.get("cli.exportFailed", e.getMessage()));
        } finally {
            if (!ok) {
                // an evidence set without its hash or sheet is not what was asked for: nothing stays half-done
                for (Path f : written) {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException ignored) {
                        // the failure being thrown is what the person needs to hear about
                    }
                }
            }
        }
    }

    /** The SHA-256 of {@code file}, lower-case hex. */
    public static String sha256(Path file) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
