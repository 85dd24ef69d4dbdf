package org.doorstep.ui.playback;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.media.FrameTarget;
import org.doorstep.playback.Notice;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.player.Playback;
import org.doorstep.usecase.player.PlayerService;

/**
 * The player's state for the window: which cameras play, play/pause, speed, the playhead's time, which cameras show
 * "no recording", and the last notice. Transport calls go straight to the playback (they only move its playhead and
 * return at once); event jumps and stills run on the background executor. Player threads report through the FX
 * executor.
 */
public final class PlayerViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PlayerService player;
    private final UiExecutors executors;
    private final Messages text;
    private final ZoneId zone;
    private final BooleanProperty playing = new SimpleBooleanProperty(false);
    private final DoubleProperty speed = new SimpleDoubleProperty(1.0);
    private final ObjectProperty<Instant> position = new SimpleObjectProperty<>();
    private final StringProperty timeText = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final ObservableSet<String> noRecording = FXCollections.observableSet();
    private final BooleanProperty open = new SimpleBooleanProperty(false);
    private Playback playback;
    private boolean sound = true;

    public PlayerViewModel(PlayerService player, UiExecutors executors, Messages text, ZoneId zone) {
        this.player = player;
        this.executors = executors;
        this.text = text;
        this.zone = zone;
    }

    /** Tests and silent review: do not open a sound line. */
    public void sound(boolean on) {
        sound = on;
    }

    /**
     * Opens {@code cameras} at {@code at}, paused on the frame recorded then (a playback already open is closed);
     * {@code targets} gives each camera's surface. Runs on the FX thread: opening only starts the player threads.
     */
    public void open(List<String> cameras, Instant at, Function<String, FrameTarget> targets) {
        close();
        noRecording.clear();
        notice.set("");
        try {
            playback = player.open(cameras, at, targets, new PlayerService.PlaybackListener() {
                @Override
                public void recording(String camera, boolean showing) {
                    executors.fx().execute(() -> {
                        if (showing) {
                            noRecording.remove(camera);
                        } else {
                            noRecording.add(camera);
                        }
                    });
                }

                @Override
                public void notice(Notice n) {
                    String sentence = sentence(n);
                    executors.fx().execute(() -> {
                        notice.set(sentence);
                        refresh();
                    });
                }
            }, sound);
        } catch (UserException e) {
            notice.set(Sentences.of(e));
            return;
        }
        open.set(true);
        refresh();
    }

    String sentence(Notice n) {
        return switch (n.kind()) {
            case GAP_SKIPPED -> text.get("notice.gap", length(n.length()));
            case DAMAGED_SKIPPED -> text.get("notice.damaged", n.camera());
            case KEY_MISSING -> text.get("notice.keyMissing", n.camera());
            case END_OF_RECORDINGS -> text.get("notice.end");
            case NO_SOUND_DEVICE -> text.get("notice.noSound");
        };
    }

    private static String length(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    /** Reads the playhead into the properties; the view calls it a few times a second while open. */
    public void refresh() {
        if (playback == null) {
            return;
        }
        Instant at = playback.position();
        position.set(at);
        timeText.set(TIME.format(at.atZone(zone)) + "  " + speedText(playback.speed()));
        playing.set(playback.playing());
        speed.set(playback.speed());
    }

    static String speedText(double s) {
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + "×";
    }

    public void togglePlay() {
        if (playback == null) {
            return;
        }
        if (playback.playing()) {
            playback.pause();
        } else {
            playback.play();
        }
        refresh();
    }

    public void pause() {
        if (playback != null) {
            playback.pause();
            refresh();
        }
    }

    public void slower() {
        if (playback != null) {
            playback.slower();
            refresh();
        }
    }

    public void faster() {
        if (playback != null) {
            playback.faster();
            refresh();
        }
    }

    public void speed(double s) {
        if (playback != null) {
            playback.speed(s);
            refresh();
        }
    }

    public void stepForward() {
        if (playback != null) {
            playback.stepForward();
            refresh();
        }
    }

    public void stepBack() {
        if (playback != null) {
            playback.stepBack();
            refresh();
        }
    }

    public void seek(Instant at) {
        if (playback != null) {
            playback.seek(at);
            refresh();
        }
    }

    public void previousEvent() {
        jump(true);
    }

    public void nextEvent() {
        jump(false);
    }

    private void jump(boolean back) {
        Playback p = playback;
        if (p == null) {
            return;
        }
        executors.background().execute(() -> {
            String said;
            try {
                said = (back ? p.previousEvent() : p.nextEvent()) ? "" : text.get("noEvent");
            } catch (RuntimeException e) {
                said = Sentences.of(e);
            }
            String sentence = said;
            executors.fx().execute(() -> {
                notice.set(sentence);
                refresh();
            });
        });
    }

    /** Saves the frame the first camera (or {@code camera}) shows as a PNG; the notice says where. */
    public void saveStill(String camera) {
        Playback p = playback;
        if (p == null) {
            return;
        }
        String which = camera != null ? camera : p.cameras().get(0);
        executors.background().execute(() -> {
            String sentence;
            try {
                java.nio.file.Path file = p.saveStill(which);
                sentence = text.get("still.saved", file.getFileName(), file.getParent());
            } catch (RuntimeException e) {
                sentence = Sentences.of(e);
            }
            String s = sentence;
            executors.fx().execute(() -> notice.set(s));
        });
    }

    public List<String> cameras() {
        return playback == null ? List.of() : playback.cameras();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing;
    }

    public ReadOnlyDoubleProperty speedProperty() {
        return speed;
    }

    public ReadOnlyObjectProperty<Instant> positionProperty() {
        return position;
    }

    public ReadOnlyStringProperty timeTextProperty() {
        return timeText;
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice;
    }

    /** Cameras that show "no recording" at the playhead. */
    public ObservableSet<String> noRecording() {
        return noRecording;
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open;
    }

    /** The recorded time of the frame {@code camera} shows, or null. */
    public Instant shownAt(String camera) {
        return playback == null ? null : playback.shownAt(camera).orElse(null);
    }

    /** Stops playback and its threads (going back to live, or closing the window). */
    public void close() {
        if (playback != null) {
            Playback p = playback;
            playback = null;
            p.close();
        }
        playing.set(false);
        open.set(false);
    }
}
