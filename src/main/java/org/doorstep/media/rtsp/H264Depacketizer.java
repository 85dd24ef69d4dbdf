package org.doorstep.media.rtsp;

import java.util.Arrays;

/**
 * RTP payloads of H.264 (RFC 6184: single NAL units, STAP-A, FU-A) put together into access units in Annex B form
 * (each NAL unit after a 4-byte start code), one per RTP timestamp. A unit is done at the marker bit or when the
 * next timestamp begins. A unit that lost packets (a gap in sequence numbers) is dropped whole: half a picture
 * recorded is a smear until the next keyframe, and over TCP a gap means the camera dropped it anyway.
 */
public final class H264Depacketizer {
    private static final byte[] START_CODE = {0, 0, 0, 1};
    static final int NAL_IDR = 5;
    static final int NAL_SPS = 7;
    static final int NAL_PPS = 8;

    /** Receives a finished access unit; the bytes are valid only during the call. */
    public interface UnitSink {
        void unit(byte[] data, int length, long rtpTimestamp, boolean key);
    }

    private final UnitSink sink;
    private final byte[] nalHeader = new byte[1];
    private byte[] unit = new byte[256 * 1024];
    private int length;
    private long timestamp = -1;
    private boolean key;
    private boolean damaged;
    /** Whether a packet of the current timestamp has come since the last unit was done. */
    private boolean started;
    private boolean inFragment;
    private int expectedSeq = -1;
    private byte[] sps;
    private byte[] pps;
    private long dropped;
    private int lastSeq = -1;
    private long cycles;
    private long ssrc;

    public H264Depacketizer(UnitSink sink) {
        this.sink = sink;
    }

    /** One RTP packet (header included) at {@code buf[offset..offset+len)}. */
    public void packet(byte[] buf, int offset, int len) {
        if (len < 12 || (buf[offset] & 0xc0) != 0x80) {
            return; // not RTP version 2
        }
        int seq = ((buf[offset + 2] & 0xff) << 8) | (buf[offset + 3] & 0xff);
        long ts = ((buf[offset + 4] & 0xffL) << 24) | ((buf[offset + 5] & 0xff) << 16)
                | ((buf[offset + 6] & 0xff) << 8) | (buf[offset + 7] & 0xff);
        boolean marker = (buf[offset + 1] & 0x80) != 0;
        int header = 12 + 4 * (buf[offset] & 0x0f);
        if ((buf[offset] & 0x10) != 0) { // header extension: 16-bit profile, 16-bit length in words
            if (len < header + 4) {
                return;
            }
            header += 4 + 4 * (((buf[offset + header + 2] & 0xff) << 8) | (buf[offset + header + 3] & 0xff));
        }
        int end = len;
        if ((buf[offset] & 0x20) != 0) { // padding: its length in the last byte
            end -= buf[offset + len - 1] & 0xff;
        }
        if (header >= end) {
            return;
        }
        ssrc = ((buf[offset + 8] & 0xffL) << 24) | ((buf[offset + 9] & 0xff) << 16)
                | ((buf[offset + 10] & 0xff) << 8) | (buf[offset + 11] & 0xff);
        if (lastSeq >= 0 && seq < lastSeq && lastSeq - seq > 0x8000) {
            cycles++; // the 16-bit sequence number wrapped
        }
        lastSeq = seq;
        if (expectedSeq >= 0 && seq != expectedSeq) {
            damaged = true; // a lost packet: this unit is incomplete
            inFragment = false;
        }
        expectedSeq = (seq + 1) & 0xffff;
        if (ts != timestamp) {
            finish();
            timestamp = ts;
        }
        started = true;
        payload(buf, offset + header, offset + end);
        if (marker) {
            finish();
        }
    }

    private void payload(byte[] b, int from, int to) {
        int type = b[from] & 0x1f;
        if (type >= 1 && type <= 23) {
            nal(b, from, to - from);
        } else if (type == 24) { // STAP-A: (16-bit size, NAL unit)...
            int i = from + 1;
            while (i + 2 <= to) {
                int size = ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
                if (size == 0 || i + 2 + size > to) {
                    break;
                }
                nal(b, i + 2, size);
                i += 2 + size;
            }
        } else if (type == 28 && to - from >= 2) { // FU-A: indicator, header (S, E, type), fragment
            int fu = b[from + 1] & 0xff;
            int nalType = fu & 0x1f;
            if ((fu & 0x80) != 0) {
                append(START_CODE, 0, 4);
                nalHeader[0] = (byte) ((b[from] & 0xe0) | nalType);
                append(nalHeader, 0, 1);
                inFragment = true;
                key |= nalType == NAL_IDR;
            } else if (!inFragment) {
                damaged = true; // a fragment whose start was lost
                return;
            }
            append(b, from + 2, to - from - 2);
            if ((fu & 0x40) != 0) {
                inFragment = false;
            }
        }
        // other types (STAP-B, MTAP, FU-B) are not in packetization-mode 1, which cameras use; ignored
    }

    private void nal(byte[] b, int from, int size) {
        int type = b[from] & 0x1f;
        if (type == NAL_SPS) {
            sps = Arrays.copyOfRange(b, from, from + size);
        } else if (type == NAL_PPS) {
            pps = Arrays.copyOfRange(b, from, from + size);
        }
        key |= type == NAL_IDR;
        append(START_CODE, 0, 4);
        append(b, from, size);
    }

    private void append(byte[] from, int offset, int n) {
        if (length + n > unit.length) {
            unit = Arrays.copyOf(unit, Math.max(unit.length * 2, length + n));
        }
        System.arraycopy(from, offset, unit, length, n);
        length += n;
    }

    private void finish() {
        if (started && damaged) {
            dropped++;
        } else if (length > 0) {
            sink.unit(unit, length, timestamp, key);
        }
        started = false;
        length = 0;
        key = false;
        damaged = false;
        inFragment = false;
    }

    /** The last sequence and picture parameter sets seen in the stream (Annex B, with start codes), or null. */
    public byte[] parameterSets() {
        if (sps == null || pps == null) {
            return null;
        }
        byte[] out = new byte[8 + sps.length + pps.length];
        System.arraycopy(START_CODE, 0, out, 0, 4);
        System.arraycopy(sps, 0, out, 4, sps.length);
        System.arraycopy(START_CODE, 0, out, 4 + sps.length, 4);
        System.arraycopy(pps, 0, out, 8 + sps.length, pps.length);
        return out;
    }

    /** The highest sequence number received, extended by its wraps (RFC 3550 6.4.1); -1 before the first packet. */
    public long extendedSequence() {
        return lastSeq < 0 ? -1 : (cycles << 16) | lastSeq;
    }

    /** The sender's synchronisation source, from the last packet. */
    public long ssrc() {
        return ssrc;
    }

    /** Access units dropped because packets of theirs were lost. */
    public long dropped() {
        return dropped;
    }

    /**
     * The parameter sets of an SDP's sprop-parameter-sets ("base64,base64"), Annex B; null when absent or unreadable.
     */
    public static byte[] parameterSetsOf(String spropParameterSets) {
        if (spropParameterSets == null || spropParameterSets.isBlank()) {
            return null;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            for (String b64 : spropParameterSets.split(",")) {
                byte[] nal = java.util.Base64.getDecoder().decode(b64.trim());
                if (nal.length > 0) {
                    out.write(START_CODE, 0, 4);
                    out.write(nal, 0, nal.length);
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return out.size() == 0 ? null : out.toByteArray();
    }
}
