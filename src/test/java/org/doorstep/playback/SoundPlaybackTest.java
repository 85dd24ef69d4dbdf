package org.doorstep.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded AAC sound is decoded, resampled to 16-bit PCM and written in step with the pictures; no device: silent. */
class SoundPlaybackTest {
    static final Instant T0 = Instant.parse("2026-11-30T14:03:00Z");

    @TempDir
    static Path dir;
    static RecordedFootage footage;
    static long cam;

    @BeforeAll
    static void record() throws Exception {
        footage = new RecordedFootage(dir);
        cam = footage.camera("Porch");
        footage.store(cam, T0, footage.encodeWithSound(0, 60, 10, 1.0));
    }

    @AfterAll
    static void close() {
        footage.close();
    }

    /** A sound line that only counts what it is given. */
    static SourceDataLine countingLine(AtomicLong bytes, List<AudioFormat> formats, AudioFormat format) {
        formats.add(format);
        return (SourceDataLine) Proxy.newProxyInstance(SourceDataLine.class.getClassLoader(),
                new Class<?>[] {SourceDataLine.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "write":
                            bytes.addAndGet((Integer) args[2]);
                            return args[2];
                        case "getFormat":
                            return format;
                        case "isOpen":
                        case "isRunning":
                        case "isActive":
                            return true;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return "counting line";
                        default:
                            Class<?> r = method.getReturnType();
                            return r == int.class ? 0 : r == long.class ? 0L : r == float.class ? 0f
                                    : r == boolean.class ? false : null;
                    }
                });
    }

    @Test
    void soundIsWrittenInStepWithThePictures() throws Exception {
        AtomicLong bytes = new AtomicLong();
        List<AudioFormat> formats = new CopyOnWriteArrayList<>();
        CapturedFrames out = new CapturedFrames();
        List<Notice> notices = new CopyOnWriteArrayList<>();
        try (PlaybackSession session = new PlaybackSession(List.of(new PlaybackSession.Source(cam, "Porch", out)), T0,
                footage.index, footage.files, footage.keys, notices::add,
                format -> countingLine(bytes, formats, format), ZoneOffset.UTC)) {
            out.await(s -> s.number() == 0, Duration.ofSeconds(10));
            session.play();
            out.await(s -> s.number() >= 30, Duration.ofSeconds(15));
            session.pause();
        }
        assertThat(formats).isNotEmpty();
        assertThat(formats.get(0).getSampleRate()).isEqualTo(16000f);
        assertThat(formats.get(0).getSampleSizeInBits()).isEqualTo(16);
        // about 3 s played: 16 kHz mono 16-bit is 32 000 bytes a second; allow for start-up and late pieces dropped
        assertThat(bytes.get()).isBetween(40_000L, 140_000L);
        assertThat(notices).noneMatch(n -> n.kind() == Notice.Kind.NO_SOUND_DEVICE);
    }

    @Test
    void withoutASoundDeviceItPlaysSilentlyAndSaysSoOnce() throws Exception {
        CapturedFrames out = new CapturedFrames();
        List<Notice> notices = new CopyOnWriteArrayList<>();
        try (PlaybackSession session = new PlaybackSession(List.of(new PlaybackSession.Source(cam, "Porch", out)), T0,
                footage.index, footage.files, footage.keys, notices::add, format -> {
                    throw new LineUnavailableException("no mixer");
                }, ZoneOffset.UTC)) {
            out.await(s -> s.number() == 0, Duration.ofSeconds(10));
            session.play();
            out.await(s -> s.number() >= 25, Duration.ofSeconds(15));
        }
        assertThat(notices.stream().filter(n -> n.kind() == Notice.Kind.NO_SOUND_DEVICE)).hasSize(1);
    }
}
