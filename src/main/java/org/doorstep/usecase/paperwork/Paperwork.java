package org.doorstep.usecase.paperwork;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.motion.MotionMaskJson;
import org.doorstep.store.Camera;
import org.doorstep.store.OwnerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paperwork a camera owner needs, always made from the settings as they are now: the information sign for the
 * door (PDF in A4 or A5, and a PNG) and the record of processing activities (PDF), in English or German. Nothing is
 * cached between calls, so a document is never older than the settings it was asked for after. {@link #refresh()}
 * keeps a current copy of every document in the data folder's {@code paperwork/}, rewritten only when the settings
 * the documents show have changed; the window calls it when documents are opened and (through
 * {@link #refreshIfKept()}) after camera settings or the camera wizard close.
 */
public final class Paperwork {
    /** The sign's PNG resolution: sharp when printed, small enough to send. */
    public static final int PNG_DPI = 150;
    private static final Logger LOG = LoggerFactory.getLogger(Paperwork.class);
    private static final String FINGERPRINT = "settings.sha256";

    /** Which document. */
    public enum Kind { SIGN, RECORD }

    /** What {@link #refresh()} did: the files now in the folder, and whether they were rendered anew. */
    public record Refreshed(List<Path> files, boolean rendered) {}

    private final Supplier<List<Camera>> cameras;
    private final Supplier<Optional<OwnerInfo>> owner;
    private final IntSupplier erasures;
    private final Supplier<List<PaperworkFacts.KeptFacts>> kept;
    private final Supplier<PaperworkFacts.Measures> measures;
    private final Path folder;
    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param cameras  every camera as stored now
     * @param owner    who records, and why (empty when never asked)
     * @param erasures how many erase receipts there are
     * @param folder   where {@link #refresh()} keeps the current documents (the data folder's {@code paperwork/})
     */
    public Paperwork(Supplier<List<Camera>> cameras, Supplier<Optional<OwnerInfo>> owner, IntSupplier erasures,
                     Path folder, Clock clock, ZoneId zone) {
        this(cameras, owner, erasures, List::of, () -> null, folder, clock, zone);
    }

    /**
     * @param kept     the clips kept as evidence now (listed in the record of processing)
     * @param measures the technical measures in force now (lock, audit log, where the key-encryption key lives)
     */
    public Paperwork(Supplier<List<Camera>> cameras, Supplier<Optional<OwnerInfo>> owner, IntSupplier erasures,
                     Supplier<List<PaperworkFacts.KeptFacts>> kept, Supplier<PaperworkFacts.Measures> measures,
                     Path folder, Clock clock, ZoneId zone) {
        this.kept = kept;
        this.measures = measures;
        this.cameras = cameras;
        this.owner = owner;
        this.erasures = erasures;
        this.folder = folder;
        this.clock = clock;
        this.zone = zone;
    }

    /** The two languages the documents are written in: German for a German locale, English otherwise. */
    public static Locale language(Locale locale) {
        return locale != null && "de".equals(locale.getLanguage()) ? Locale.GERMAN : Locale.ENGLISH;
    }

    public Path folder() {
        return folder;
    }

    /** What the documents say, read now. */
    public PaperworkFacts facts() {
        OwnerInfo info = owner.get().orElse(OwnerInfo.skippedForNow());
        List<PaperworkFacts.CameraFacts> list = new ArrayList<>();
        for (Camera c : cameras.get()) {
            list.add(new PaperworkFacts.CameraFacts(c.name(), c.enabled(), c.retention(),
                    c.options().retentionReason(), privacyMasks(c), c.options().recordAudio(), c.motionEnabled(),
                    c.options().hideLive()));
        }
        return new PaperworkFacts(info.name(), info.contact(), info.purpose(), list, erasures.getAsInt(),
                ZonedDateTime.now(clock.withZone(zone)), kept.get(), measures.get());
    }

    /** {@code kind} as a PDF, in {@code language} on {@code size} paper. */
    public byte[] pdf(Kind kind, Locale language, PaperSize size) {
        return pdf(kind, facts(), language, size);
    }

    /** The information sign as a PNG of {@link #PNG_DPI} dots per inch. */
    public byte[] signPng(Locale language, PaperSize size) {
        return signPng(facts(), language, size);
    }

    /** The PNG's width and height in pixels for {@code size} (whole pixels, cut off as PDFBox renders them). */
    public static int[] pngPixels(PaperSize size) {
        return new int[] {(int) (size.width() / 72f * PNG_DPI), (int) (size.height() / 72f * PNG_DPI)};
    }

    /**
     * Writes {@code kind} to {@code out}: a PDF, or for the sign a PNG when the name ends in ".png". Written to a
     * temporary file first, so {@code out} is either the whole document or untouched.
     */
    public Path write(Kind kind, Locale language, PaperSize size, Path out) {
        return write(kind, facts(), language, size, out);
    }

    /** Whether {@code out}'s name asks for a PNG. */
    public static boolean isPng(Path out) {
        return out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
    }

    /** Whether {@code out}'s name asks for a PDF. */
    public static boolean isPdf(Path out) {
        return out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf");
    }

    /**
     * Brings {@code paperwork/} up to date: every document in both languages (signs in A4 and A5, the sign's PNG in
     * A4), rendered anew only when the settings they show changed since the last time (or a file is missing).
     */
    public synchronized Refreshed refresh() {
        PaperworkFacts facts = facts();
        List<Target> targets = targets();
        List<Path> files = targets.stream().map(t -> folder.resolve(t.file())).toList();
        String fingerprint = fingerprint(facts);
        Path stamp = folder.resolve(FINGERPRINT);
        try {
            boolean current = Files.exists(stamp) && Files.readString(stamp).equals(fingerprint)
                    && files.stream().allMatch(Files::exists);
            if (current) {
                return new Refreshed(files, false);
            }
            Files.createDirectories(folder);
            for (Target t : targets) {
                write(t.kind(), facts, t.language(), t.size(), folder.resolve(t.file()));
            }
            Files.writeString(stamp, fingerprint);
            LOG.info("paperwork rendered anew into {} ({} files)", folder, files.size());
            return new Refreshed(files, true);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * {@link #refresh()}, but only once the owner has had the paperwork made (the folder exists): a settings change
     * keeps the copies current without writing documents nobody asked for.
     */
    public Optional<Refreshed> refreshIfKept() {
        return Files.isDirectory(folder) ? Optional.of(refresh()) : Optional.empty();
    }

    /** The file in {@code paperwork/} that holds {@code kind} in {@code language} and {@code size}. */
    public Path fileFor(Kind kind, Locale language, PaperSize size) {
        String lang = language(language).getLanguage();
        return folder.resolve(kind == Kind.SIGN
                ? "sign-" + lang + "-" + size.name().toLowerCase(Locale.ROOT) + ".pdf"
                : "record-" + lang + ".pdf");
    }

    private record Target(Kind kind, Locale language, PaperSize size, String file) {}

    private List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (Locale language : List.of(Locale.ENGLISH, Locale.GERMAN)) {
            for (PaperSize size : PaperSize.values()) {
                targets.add(new Target(Kind.SIGN, language, size,
                        fileFor(Kind.SIGN, language, size).getFileName().toString()));
            }
            targets.add(new Target(Kind.SIGN, language, PaperSize.A4, "sign-" + language.getLanguage() + ".png"));
            targets.add(new Target(Kind.RECORD, language, PaperSize.A4,
                    fileFor(Kind.RECORD, language, PaperSize.A4).getFileName().toString()));
        }
        return targets;
    }

    private Path write(Kind kind, PaperworkFacts facts, Locale language, PaperSize size, Path out) {
        Messages m = Messages.of("paperwork", language(language));
        boolean png = isPng(out);
        if (!(png && kind == Kind.SIGN) && !isPdf(out)) {
            throw new UserException(m.get("cli.type", out.getFileName()), UserException.EXIT_USAGE);
        }
        byte[] bytes = png ? signPng(facts, language, size) : pdf(kind, facts, language, size);
        Path target = out.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the failure below is what the user needs to hear about
            }
            throw failed(e);
        }
    }

    private static byte[] pdf(Kind kind, PaperworkFacts facts, Locale language, PaperSize size) {
        PaperworkText text = new PaperworkText(language(language));
        try (PDDocument doc = kind == Kind.SIGN ? new InformationSign(facts, text, size).render()
                : new ProcessingRecord(facts, text, size).render()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * Writes the data sheet of an export to {@code out} (a PDF): for evidence ({@code evidence} true) or for an access
     * request under Art. 15 GDPR, with the owner's facts as they are now.
     */
    public Path writeExportSheet(boolean evidence, ExportSheetFacts export, Locale language, Path out) {
        Path target = out.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (PDDocument doc = new ExportSheet(evidence ? ExportSheet.Kind.EVIDENCE : ExportSheet.Kind.ACCESS_REQUEST,
                export, facts(), language(language)).render()) {
            doc.save(tmp.toFile());
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the failure below is what the user needs to hear about
            }
            throw failed(e);
        }
    }

    private static byte[] signPng(PaperworkFacts facts, Locale language, PaperSize size) {
        PaperworkText text = new PaperworkText(language(language));
        try (PDDocument doc = new InformationSign(facts, text, size).render()) {
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, PNG_DPI, ImageType.RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private static int privacyMasks(Camera camera) {
        try {
            return MotionMaskJson.parse(camera.options().privacyMasksJson()).excluded().size();
        } catch (IllegalArgumentException e) {
            // a damaged mask is no mask to the recorder either; the record must not claim one
            LOG.warn("privacy masks of a camera cannot be read: {}", e.getMessage());
            return 0;
        }
    }

    /** What the documents show, minus the moment they were made, as a hash. */
    private static String fingerprint(PaperworkFacts facts) {
        String shown = new PaperworkFacts(facts.controller(), facts.contact(), facts.purpose(), facts.cameras(),
                facts.erasures(), null, facts.kept(), facts.measures()).toString() + "|" + PaperworkFacts.class.getPackage().getImplementationVersion();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(shown.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    private static UserException failed(IOException e) {
        return new UserException(Messages.of("paperwork").get("failed", e.getMessage()));
    }

}
