package org.doorstep.media.rtsp;

import java.util.Locale;

/**
 * RTP payloads of the audio cameras send, as frames for the muxer: G.711 (PCMU, PCMA) as they come, AAC in
 * MPEG4-GENERIC's high-bit-rate mode (RFC 3640: AU headers, then the access units) one frame per access unit.
 */
public final class AudioDepacketizer {

    /** Receives one audio frame; the bytes are valid only during the call. */
    public interface FrameSink {
        void frame(byte[] data, int offset, int length, long rtpTimestamp);
    }

    /** What a track carries, as far as this reader goes. */
    public enum Codec { PCMU, PCMA, AAC }

    private final Codec codec;
    private final int sizeLength;
    private final int indexLength;
    private final FrameSink sink;

    private AudioDepacketizer(Codec codec, int sizeLength, int indexLength, FrameSink sink) {
        this.codec = codec;
        this.sizeLength = sizeLength;
        this.indexLength = indexLength;
        this.sink = sink;
    }

    /** For {@code track}, or null when this reader cannot take it apart. */
    public static AudioDepacketizer forTrack(SdpTrack track, FrameSink sink) {
        Codec c = codecOf(track);
        if (c == null) {
            return null;
        }
        if (c != Codec.AAC) {
            return new AudioDepacketizer(c, 0, 0, sink);
        }
        int size = intParam(track, "sizelength", -1);
        int index = intParam(track, "indexlength", -1);
        if (size <= 0 || index < 0 || size + index > 32) {
            return null;
        }
        return new AudioDepacketizer(c, size, index, sink);
    }

    /** The codec of a track, or null for one this reader does not take apart. */
    public static Codec codecOf(SdpTrack track) {
        String enc = track.encoding().toUpperCase(Locale.ROOT);
        if (enc.equals("PCMU")) {
            return Codec.PCMU;
        }
        if (enc.equals("PCMA")) {
            return Codec.PCMA;
        }
        String mode = track.fmtp("mode");
        if (enc.equals("MPEG4-GENERIC") && mode != null && mode.equalsIgnoreCase("AAC-hbr")
                && track.fmtp("config") != null) {
            return Codec.AAC;
        }
        return null;
    }

    public Codec codec() {
        return codec;
    }

    /** One RTP packet (header included). */
    public void packet(byte[] buf, int offset, int len) {
        if (len < 12 || (buf[offset] & 0xc0) != 0x80) {
            return;
        }
        long ts = ((buf[offset + 4] & 0xffL) << 24) | ((buf[offset + 5] & 0xff) << 16)
                | ((buf[offset + 6] & 0xff) << 8) | (buf[offset + 7] & 0xff);
        int header = 12 + 4 * (buf[offset] & 0x0f);
        if ((buf[offset] & 0x10) != 0) {
            if (len < header + 4) {
                return;
            }
            header += 4 + 4 * (((buf[offset + header + 2] & 0xff) << 8) | (buf[offset + header + 3] & 0xff));
        }
        int end = len;
        if ((buf[offset] & 0x20) != 0) {
            end -= buf[offset + len - 1] & 0xff;
        }
        if (header >= end) {
            return;
        }
        if (codec != Codec.AAC) {
            sink.frame(buf, offset + header, end - header, ts);
            return;
        }
        aac(buf, offset + header, offset + end, ts);
    }

    /** AU-headers-length (bits), the AU headers (size, index), then the access units back to back. */
    private void aac(byte[] b, int from, int to, long ts) {
        if (to - from < 2) {
            return;
        }
        int headerBits = ((b[from] & 0xff) << 8) | (b[from + 1] & 0xff);
        int headerBytes = (headerBits + 7) / 8;
        int data = from + 2 + headerBytes;
        if (data > to) {
            return;
        }
        int bitsPerHeader = sizeLength + indexLength;
        int count = headerBits / bitsPerHeader;
        int bit = (from + 2) * 8;
        for (int i = 0; i < count; i++) {
            int size = bits(b, bit, sizeLength);
            bit += bitsPerHeader;
            if (size <= 0 || data + size > to) {
                return; // a fragmented or damaged access unit: dropped, as FFmpeg's reader does with a warning
            }
            // each access unit is 1024 samples: its time follows the first's
            sink.frame(b, data, size, (ts + 1024L * i) & 0xffffffffL);
            data += size;
        }
    }

    private static int bits(byte[] b, int bitOffset, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int at = bitOffset + i;
            v = (v << 1) | ((b[at >> 3] >> (7 - (at & 7))) & 1);
        }
        return v;
    }

    private static int intParam(SdpTrack t, String name, int otherwise) {
        String v = t.fmtp(name);
        try {
            return v == null ? otherwise : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
