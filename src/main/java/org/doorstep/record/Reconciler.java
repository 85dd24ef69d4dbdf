package org.doorstep.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.media.SegmentDemuxer;
import org.doorstep.privacy.EncryptingSegmentWriter;
import org.doorstep.privacy.SegmentKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.KeyframeIndex;
import org.doorstep.store.SegmentFiles;
/**
 * Makes the index and the disk agree at start-up: a row whose file is gone is removed; a file without a row (the
 * process died before indexing it) is recovered — if it was cut short, its plaintext is trimmed to the last complete
 * MP4 fragment and re-encrypted with a proper final chunk — then probed and indexed. Open gaps are closed.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private final SegmentIndex index;
    private final SegmentFiles files;
    private final SegmentKeyStore keys;
    private final Clock clock;

    public record Result(int rowsRemoved, int filesRecovered, int filesTrimmed, int filesDropped) {}

    public Reconciler(SegmentIndex index, SegmentFiles files, SegmentKeyStore keys, Clock clock) {
        this.index = index;
        this.files = files;
        this.keys = keys;
        this.clock = clock;
    }

    public Result reconcile() throws SQLException, IOException {
        if (!files.volumePresent()) {
            // the drive is unplugged: every row would look orphaned; leave the index alone until it is back
            LOG.warn("recordings folder {} is not available; index not reconciled", files.root());
            return new Result(0, 0, 0, 0);
        }
        files.takeRecreated(); // the rows of a deleted folder are handled right here
        int recovered = 0;
        int trimmed = 0;
        int dropped = 0;
        Set<String> indexed = new HashSet<>();
        int removed = missingFilesToGaps(indexed);
        List<Path> onDisk = new ArrayList<>();
        if (Files.isDirectory(files.root())) {
            try (Stream<Path> walk = Files.walk(files.root())) {
                walk.filter(p -> p.getFileName().toString().endsWith(SegmentFiles.EXTENSION)).forEach(onDisk::add);
            }
            try (Stream<Path> walk = Files.walk(files.root())) {
                for (Path p : (Iterable<Path>) walk.filter(x -> x.getFileName().toString().endsWith(".trim"))::iterator) {
                    Files.deleteIfExists(p); // a trim interrupted by another crash; the original is still there
                }
            }
        }
        for (Path file : onDisk) {
            String rel = files.relativize(file);
            if (indexed.contains(rel)) {
                continue;
            }
            try {
                Outcome o = recover(file, rel);
                switch (o) {
                    case RECOVERED -> recovered++;
                    case TRIMMED -> {
                        recovered++;
                        trimmed++;
                    }
                    case DROPPED -> dropped++;
                }
            } catch (DecryptingSegmentReader.KeyMissingException e) {
                // crypto-erased footage: the file is unreadable by design; remove the leftover
                Files.deleteIfExists(file);
                dropped++;
            } catch (IOException e) {
                LOG.warn("segment {} could not be recovered: {}", rel, e.getMessage());
            }
        }
        index.closeOpenGaps(clock.instant());
        return new Result(removed, recovered, trimmed, dropped);
    }

    /**
     * Rows whose files are gone (the recordings folder was deleted or emptied) are removed, and the time they
     * covered becomes a gap per camera ("files-missing"), so the timeline says that footage was there and is gone
     * instead of silently showing nothing. Adjacent rows (less than 10 s apart) make one gap. Returns how many rows
     * went; {@code present} receives the files that are there.
     */
    public int missingFilesToGaps(Set<String> present) throws SQLException {
        int removed = 0;
        java.util.Map<String, List<SegmentRow>> missing = new java.util.TreeMap<>();
        for (SegmentRow row : index.all()) {
            if (Files.exists(files.resolve(row.file()))) {
                present.add(row.file());
            } else {
                missing.computeIfAbsent(row.cameraId() + "/" + row.stream(), k -> new ArrayList<>()).add(row);
            }
        }
        for (List<SegmentRow> rows : missing.values()) {
            SegmentRow first = null;
            SegmentRow last = null;
            int count = 0;
            for (SegmentRow row : rows) { // oldest first
                if (last != null && row.start().isAfter(last.end().plusSeconds(10))) {
                    gap(first, last, count);
                    first = null;
                    count = 0;
                }
                if (first == null) {
                    first = row;
                }
                last = row;
                count++;
                index.delete(row.id());
                removed++;
            }
            if (first != null) {
                gap(first, last, count);
            }
        }
        if (removed > 0) {
            LOG.warn("{} segment file(s) were missing from {}; their time is marked as a gap", removed, files.root());
        }
        return removed;
    }

    private void gap(SegmentRow first, SegmentRow last, int count) throws SQLException {
        long id = index.openGap(first.cameraId(), first.stream(), first.start(), FILES_MISSING,
                count + " recorded segment file(s) are gone from the recordings folder (deleted or moved)");
        index.closeGap(id, last.end());
    }

    /** The gap reason for footage whose files were deleted outside Doorstep. */
    public static final String FILES_MISSING = "files-missing";

    private enum Outcome { RECOVERED, TRIMMED, DROPPED }

    private Outcome recover(Path file, String rel) throws IOException, SQLException {
        Optional<SegmentFiles.Parsed> parsed = SegmentFiles.parse(rel);
        if (parsed.isEmpty()) {
            return Outcome.DROPPED;
        }
        boolean trimmedNow = false;
        List<Long> moofs = new ArrayList<>();
        try (DecryptingSegmentReader r = DecryptingSegmentReader.openForRecovery(file, keys)) {
            long good = lastCompleteFragmentEnd(r, moofs);
            if (good <= 0) {
                r.close();
                Files.deleteIfExists(file);
                return Outcome.DROPPED;
            }
            if (!r.complete() || good < r.size()) {
                SegmentKeyStore.SegmentKey key = keys.find(r.keyId())
                        .orElseThrow(() -> new DecryptingSegmentReader.KeyMissingException(r.keyId()));
                Path tmp = file.resolveSibling(file.getFileName() + ".trim");
                Files.deleteIfExists(tmp);
                try (EncryptingSegmentWriter w = new EncryptingSegmentWriter(tmp, key, new EncryptingSegmentWriter.Buffers())) {
                    byte[] buf = new byte[256 * 1024];
                    long pos = 0;
                    while (pos < good) {
                        int n = r.read(pos, buf, 0, (int) Math.min(buf.length, good - pos));
                        w.write(buf, 0, n);
                        pos += n;
                    }
                }
                r.close();
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                trimmedNow = true;
            }
        }
        SegmentRow row = probe(file, rel, parsed.get(), moofs);
        if (row == null) {
            Files.deleteIfExists(file);
            return Outcome.DROPPED;
        }
        index.insert(row);
        LOG.info("recovered segment {} ({} ms{})", rel, row.duration().toMillis(), trimmedNow ? ", trimmed" : "");
        return trimmedNow ? Outcome.TRIMMED : Outcome.RECOVERED;
    }

    /**
     * Walks the top-level MP4 boxes; returns the end of the last complete mdat (fragment data) and collects the
     * offsets of moof boxes. 0 when there is no complete fragment.
     */
    static long lastCompleteFragmentEnd(DecryptingSegmentReader r, List<Long> moofs) throws IOException {
        long size = r.size();
        long pos = 0;
        long good = 0;
        byte[] hdr = new byte[16];
        while (pos + 8 <= size) {
            if (readFully(r, pos, hdr, 16) < 8) {
                break;
            }
            long boxSize = ((hdr[0] & 0xffL) << 24) | ((hdr[1] & 0xffL) << 16) | ((hdr[2] & 0xffL) << 8) | (hdr[3] & 0xffL);
            String type = new String(hdr, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (boxSize == 1) {
                boxSize = java.nio.ByteBuffer.wrap(hdr, 8, 8).getLong();
            }
            if (boxSize < 8 || pos + boxSize > size) {
                break;
            }
            if (type.equals("moof")) {
                moofs.add(pos);
            } else if (type.equals("mdat") || (type.equals("mfra") && good > 0)) {
                good = pos + boxSize;
            }
            pos += boxSize;
        }
        while (!moofs.isEmpty() && moofs.get(moofs.size() - 1) >= good) {
            moofs.remove(moofs.size() - 1);
        }
        return good;
    }

    private static int readFully(DecryptingSegmentReader r, long pos, byte[] b, int len) throws IOException {
        int got = 0;
        while (got < len) {
            int n = r.read(pos + got, b, got, len - got);
            if (n <= 0) {
                break;
            }
            got += n;
        }
        return got;
    }

    /** Reads every packet to learn codecs, duration and keyframe offsets; null when nothing decodable is in it. */
    private SegmentRow probe(Path file, String rel, SegmentFiles.Parsed p, List<Long> moofs) throws IOException {
        try (DecryptingSegmentReader r = DecryptingSegmentReader.open(file, keys);
             SegmentDemuxer d = new SegmentDemuxer(r)) {
            AVStream v = d.video();
            if (v == null) {
                return null;
            }
            KeyframeIndex kf = new KeyframeIndex();
            AVPacket pkt = av_packet_alloc();
            long end = 0;
            try {
                while (d.read(pkt)) {
                    if (pkt.stream_index() == d.videoIndex()) {
                        long t = pkt.dts() != AV_NOPTS_VALUE ? pkt.dts() : pkt.pts();
                        long ms = av_rescale_q(t, v.time_base(), av_make_q(1, 1000));
                        end = Math.max(end, av_rescale_q(t + Math.max(pkt.duration(), 0), v.time_base(), av_make_q(1, 1000)));
                        if ((pkt.flags() & AV_PKT_FLAG_KEY) != 0) {
                            long off = 0;
                            for (long m : moofs) {
                                if (pkt.pos() < 0 || m <= pkt.pos()) {
                                    off = m;
                                }
                            }
                            kf.add(ms, off);
                        }
                    }
                    av_packet_unref(pkt);
                }
            } finally {
                av_packet_free(pkt);
            }
            if (end <= 0) {
                return null;
            }
            AVStream a = d.audio();
            return new SegmentRow(0, p.cameraId(), p.stream(), p.start(), p.start().plusMillis(end), null, null,
                    Files.size(file), MediaFormats.name(v.codecpar().codec_id()),
                    a == null ? null : MediaFormats.name(a.codecpar().codec_id()), v.codecpar().width(),
                    v.codecpar().height(), kf.pack(), r.keyId(), rel);
        }
    }
}
