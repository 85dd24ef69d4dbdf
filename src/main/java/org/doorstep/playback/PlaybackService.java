package org.doorstep.playback;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.EventRepository;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;

/**
 * Plays recordings back: opens synchronised playback sessions, decodes quick previews for scrubbing, and finds the
 * events before and after an instant. Nothing decrypted is written to disk.
 */
public final class PlaybackService {
    /** How far previous/next event looks. */
    private static final Duration EVENT_RANGE = Duration.ofDays(31);

    private final SegmentIndex index;
    private final SegmentFiles files;
    private final SegmentKeyStore keys;
    private final EventRepository events;

    public PlaybackService(SegmentIndex index, SegmentFiles files, SegmentKeyStore keys, EventRepository events) {
        this.index = index;
        this.files = files;
        this.keys = keys;
        this.events = events;
    }

    /**
     * Starts a paused playback of {@code sources} at {@code at}.
     *
     * @param sound whether to play the first camera's sound (false for tests and silent multi-camera review)
     */
    public PlaybackSession open(List<PlaybackSession.Source> sources, Instant at, Consumer<Notice> notices,
                                boolean sound, ZoneId zone) {
        return new PlaybackSession(sources, at, index, files, keys, notices,
                sound ? SoundPlayback.LineOpener.SYSTEM : null, zone);
    }

    /**
     * The keyframe at or before {@code at} (the cheapest picture near that instant: what a dragged playhead shows),
     * at most {@code maxWidth} wide; empty where nothing was recorded.
     */
    public Optional<PreviewFrame> preview(long cameraId, Instant at, int maxWidth) throws IOException, SQLException {
        Optional<SegmentRow> seg = new Recordings(index, cameraId).at(at);
        if (seg.isEmpty()) {
            return Optional.empty();
        }
        SegmentRow s = seg.get();
        long ms = Duration.between(s.start(), at).toMillis();
        int k = 0;
        List<org.doorstep.store.KeyframeIndex.Keyframe> kf = SegmentDecoder.keyframes(s);
        for (int i = 0; i < kf.size(); i++) {
            if (kf.get(i).millis() <= ms) {
                k = i;
            }
        }
        try (SegmentDecoder d = SegmentDecoder.open(s, files, keys, k, SegmentDecoder.AudioSink.NONE)) {
            
            d.keyframesOnly(true);
            AVFrame f = d.next();
            
            return f == null ? Optional.empty()
                    : Optional.of(FramePictures.argb(f, maxWidth, s.start().plusMillis(d.millisOf(f))));
        }
    }

    /** The start of the latest event of these cameras that starts before {@code t} (minus a small margin). */
    public Optional<Instant> eventBefore(Collection<Long> cameraIds, Instant t) throws SQLException {
        Instant limit = t.minusSeconds(1); // pressing "previous" right after a jump must not land on the same event
        Instant best = null;
        for (long id : cameraIds) {
            for (StoredEvent e : events.find(id, null, limit.minus(EVENT_RANGE), limit)) {
                if (e.start().isBefore(limit) && (best == null || e.start().isAfter(best))) {
                    best = e.start();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The start of the first event of these cameras that starts after {@code t}. */
    public Optional<Instant> eventAfter(Collection<Long> cameraIds, Instant t) throws SQLException {
        Instant best = null;
        for (long id : cameraIds) {
            for (StoredEvent e : events.find(id, null, t, t.plus(EVENT_RANGE))) {
                if (e.start().isAfter(t) && (best == null || e.start().isBefore(best))) {
                    best = e.start();
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
