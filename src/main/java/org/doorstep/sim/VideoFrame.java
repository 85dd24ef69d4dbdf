package org.doorstep.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * One encoded picture, already cut into RTP payloads (RFC 6184: single NAL unit packets and FU-A
 * fragments), so sending it only costs an RTP header per packet. Shared read-only by all clients.
 */
public final class VideoFrame {
    /** Largest RTP payload; keeps UDP datagrams below a 1500-byte MTU. */
    public static final int MAX_PAYLOAD = 1400;

    private static final int NAL_FU_A = 28;

    private final boolean key;
    private final byte[][] payloads;
    private final int bytes;
    private final int displayOffset;

    private VideoFrame(boolean key, byte[][] payloads, int bytes, int displayOffset) {
        this.key = key;
        this.payloads = payloads;
        this.bytes = bytes;
        this.displayOffset = displayOffset;
    }

    /** Packetises the NAL units (without start codes) of one access unit, shown when it is sent. */
    public static VideoFrame of(List<byte[]> nals) {
        return of(nals, 0);
    }

    /**
     * Packetises one access unit that is shown {@code displayOffset} pictures after (negative: before) the
     * picture time at which it is sent; B-picture streams send pictures in decode order, and the RTP
     * timestamp is the presentation time.
     */
    public static VideoFrame of(List<byte[]> nals, int displayOffset) {
        List<byte[]> out = new ArrayList<>();
        boolean key = false;
        int bytes = 0;
        for (byte[] nal : nals) {
            int type = nal[0] & 0x1f;
            key |= type == 5;
            bytes += nal.length;
            if (nal.length <= MAX_PAYLOAD) {
                out.add(nal);
                continue;
            }
            byte indicator = (byte) ((nal[0] & 0xe0) | NAL_FU_A);
            int chunk = MAX_PAYLOAD - 2;
            for (int pos = 1; pos < nal.length; pos += chunk) {
                int len = Math.min(chunk, nal.length - pos);
                byte[] p = new byte[len + 2];
                p[0] = indicator;
                p[1] = (byte) (type | (pos == 1 ? 0x80 : 0) | (pos + len == nal.length ? 0x40 : 0));
                System.arraycopy(nal, pos, p, 2, len);
                out.add(p);
            }
        }
        return new VideoFrame(key, out.toArray(new byte[0][]), bytes, displayOffset);
    }

    /** Whether this picture is an IDR picture (a client may start decoding here). */
    public boolean key() {
        return key;
    }

    public int payloadCount() {
        return payloads.length;
    }

    /** The payload; callers must not modify it. */
    public byte[] payload(int i) {
        return payloads[i];
    }

    /** Pictures between sending and showing this one (0 without B-pictures). */
    public int displayOffset() {
        return displayOffset;
    }

    /** Size of the NAL units in bytes. */
    public int bytes() {
        return bytes;
    }
}
