package org.doorstep.usecase.player;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.doorstep.common.Messages;
import org.doorstep.common.StoreException;
import org.doorstep.common.UserException;
import org.doorstep.playback.PlaybackService;
import org.doorstep.playback.PlaybackSession;
import org.doorstep.playback.TargetOut;

/**
 * One open playback of 1–16 cameras under one playhead, as the window drives it: transport, frame steps, events,
 * stills. Closing it stops the decoder threads.
 */
public final class Playback implements AutoCloseable {
    private final PlaybackSession session;
    private final PlaybackService service;
    private final List<Long> cameraIds;
    private final List<TargetOut> outs;
    private final Path stillFolder;
    /** Told once, at close, where the playhead ended (the audit notes the range viewed). */
    private final java.util.function.Consumer<Instant> closed;
    private final java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);

    Playback(PlaybackSession session, PlaybackService service, List<Long> cameraIds, List<TargetOut> outs,
             Path stillFolder, java.util.function.Consumer<Instant> closed) {
        this.closed = closed;
        this.session = session;
        this.service = service;
        this.cameraIds = List.copyOf(cameraIds);
        this.outs = List.copyOf(outs);
        this.stillFolder = stillFolder;
    }

    public List<String> cameras() {
        return session.cameras();
    }

    public void play() {
        session.play();
    }

    public void pause() {
        session.pause();
    }

    public boolean playing() {
        return session.playing();
    }

    public void speed(double speed) {
        session.speed(speed);
    }

    public double speed() {
        return session.speed();
    }

    public void slower() {
        session.slower();
    }

    public void faster() {
        session.faster();
    }

    public void seek(Instant at) {
        session.seek(at);
    }

    public Instant position() {
        return session.position();
    }

    public void stepForward() {
        session.stepForward();
    }

    public void stepBack() {
        session.stepBack();
    }

    /** The recorded time of the frame the camera shows (empty before the first, or in a gap). */
    public Optional<Instant> shownAt(String camera) {
        return session.shownAt(camera);
    }

    /** Jumps to the previous event of these cameras; false when there is none. */
    public boolean previousEvent() {
        try {
            Optional<Instant> at = service.eventBefore(cameraIds, session.position());
            at.ifPresent(session::seek);
            return at.isPresent();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Jumps to the next event of these cameras; false when there is none. */
    public boolean nextEvent() {
        try {
            Optional<Instant> at = service.eventAfter(cameraIds, session.position());
            at.ifPresent(session::seek);
            return at.isPresent();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Where stills are saved (told to the person once a still is saved). */
    public Path stillFolder() {
        return stillFolder;
    }

    /** Saves the frame {@code camera} shows as a full-resolution PNG; returns the file. */
    public Path saveStill(String camera) {
        Messages m = Messages.of("player");
        try {
            return session.saveStill(camera, stillFolder)
                    .orElseThrow(() -> new UserException(m.get("still.nothingShown", camera)));
        } catch (IOException e) {
            throw new UserException(m.get("still.failed", stillFolder, e.getMessage()));
        }
    }

    @Override
    public void close() {
        Instant end = position();
        session.close();
        outs.forEach(TargetOut::close);
        if (open.getAndSet(false)) {
            closed.accept(end);
        }
    }
}
