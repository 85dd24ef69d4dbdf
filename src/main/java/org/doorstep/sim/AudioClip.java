package org.doorstep.sim;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * A short loop of quiet street ambience, encoded once by FFmpeg and cut into ready RTP payloads: 20 ms
 * µ-law chunks (PCMU) or one AAC frame per packet with an RFC 3640 AU header.
 */
public final class AudioClip {
    static final int VERSION = 1;
    private static final int LOOP_SECONDS = 4;

    private final Audio kind;
    private final int sampleRate;
    private final int unitSamples;
    private final byte[][] payloads;

    private AudioClip(Audio kind, int sampleRate, int unitSamples, byte[][] payloads) {
        this.kind = kind;
        this.sampleRate = sampleRate;
        this.unitSamples = unitSamples;
        this.payloads = payloads;
    }

    public static AudioClip load(Path cacheDir, Audio kind) throws IOException {
        if (kind == Audio.NONE) {
            throw new IllegalArgumentException("no audio");
        }
        Files.createDirectories(cacheDir);
        Path file = cacheDir.resolve("ambience-v" + VERSION + (kind == Audio.AAC ? "-aac16k.adts" : "-pcmu8k.ulaw"));
        if (!Files.isRegularFile(file)) {
            render(kind, file);
        }
        byte[] data = Files.readAllBytes(file);
        return kind == Audio.AAC ? fromAdts(data) : fromMulaw(data);
    }

    private static void render(Audio kind, Path file) throws IOException {
        int rate = kind == Audio.AAC ? 16000 : 8000;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        short[] samples = new short[rate * LOOP_SECONDS];
        Random r = new Random(7);
        double brown = 0;
        for (int i = 0; i < samples.length; i++) {
            brown = 0.98 * brown + 0.02 * r.nextGaussian();
            samples[i] = (short) Math.round(brown * 1500 + 120 * Math.sin(2 * Math.PI * 100.0 * i / rate));
        }
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(tmp.toFile(), 1)) {
            rec.setFormat(kind == Audio.AAC ? "adts" : "mulaw");
            rec.setAudioCodecName(kind == Audio.AAC ? "aac" : "pcm_mulaw");
            rec.setSampleRate(rate);
            rec.setAudioChannels(1);
            rec.setAudioBitrate(kind == Audio.AAC ? 32000 : 64000);
            rec.start();
            rec.recordSamples(rate, 1, ShortBuffer.wrap(samples));
            rec.stop();
        } catch (Exception e) {
            Files.deleteIfExists(tmp);
            throw new IOException("FFmpeg could not encode the doorbell audio: " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static AudioClip fromMulaw(byte[] data) throws IOException {
        int unit = 160;
        int n = data.length / unit;
        if (n == 0) {
            throw new IOException("empty µ-law audio");
        }
        byte[][] p = new byte[n][];
        for (int i = 0; i < n; i++) {
            p[i] = java.util.Arrays.copyOfRange(data, i * unit, (i + 1) * unit);
        }
        return new AudioClip(Audio.PCMU, 8000, unit, p);
    }

    private static AudioClip fromAdts(byte[] data) throws IOException {
        List<byte[]> units = new ArrayList<>();
        int pos = 0;
        while (pos + 7 <= data.length) {
            if ((data[pos] & 0xff) != 0xff || (data[pos + 1] & 0xf0) != 0xf0) {
                throw new IOException("bad ADTS header at " + pos);
            }
            boolean crc = (data[pos + 1] & 0x01) == 0;
            int frameLen = ((data[pos + 3] & 0x03) << 11) | ((data[pos + 4] & 0xff) << 3) | ((data[pos + 5] & 0xe0) >> 5);
            int header = crc ? 9 : 7;
            if (frameLen < header || pos + frameLen > data.length) {
                throw new IOException("truncated ADTS frame at " + pos);
            }
            int au = frameLen - header;
            byte[] p = new byte[4 + au];
            p[0] = 0;
            p[1] = 16;                              // AU-headers-length in bits: one 16-bit AU header
            p[2] = (byte) (au >> 5);                // AU-size (13 bits) ...
            p[3] = (byte) ((au & 0x1f) << 3);       // ... and AU-Index 0 (3 bits)
            System.arraycopy(data, pos + header, p, 4, au);
            units.add(p);
            pos += frameLen;
        }
        if (units.isEmpty()) {
            throw new IOException("empty AAC audio");
        }
        return new AudioClip(Audio.AAC, 16000, 1024, units.toArray(new byte[0][]));
    }

    public Audio kind() {
        return kind;
    }

    /** RTP clock rate = sample rate. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Samples per payload. */
    public int unitSamples() {
        return unitSamples;
    }

    public int units() {
        return payloads.length;
    }

    public byte[] payload(int i) {
        return payloads[i];
    }

    public int payloadType() {
        return kind == Audio.AAC ? 97 : 0;
    }

    /** SDP media section lines for this track (without the control attribute). */
    String sdpMedia() {
        if (kind == Audio.AAC) {
            // AudioSpecificConfig: AAC-LC (2), 16 kHz (index 8), mono -> 0x1408
            return "m=audio 0 RTP/AVP 97\r\n"
                    + "a=rtpmap:97 MPEG4-GENERIC/16000/1\r\n"
                    + "a=fmtp:97 streamtype=5;profile-level-id=15;mode=AAC-hbr;sizelength=13;indexlength=3;"
                    + "indexdeltalength=3;config=1408\r\n";
        }
        return "m=audio 0 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }
}
