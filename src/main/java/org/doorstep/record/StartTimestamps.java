package org.doorstep.record;

/**
 * Fills in the timestamps that the first video packets of a connection lack, from the camera's own timestamps
 * of the packets that follow.
 *
 * <p>Why: over RTSP a packet carries only its presentation time (RTP), and FFmpeg derives the decode time from a
 * reorder buffer once it has seen as many pictures as the stream reorders; before that (and for the very first
 * picture, before RTCP timing is known) pts and/or dts are missing. Guessing them from each other (dts = pts)
 * breaks B-picture streams: the first GOP then decodes out of order and every later dts has to be nudged
 * ("non monotonically increasing dts"). Instead the recorder holds those packets until one arrives with both
 * times, and derives the missing ones from it: decode times are one frame apart, and the key picture that opens
 * a closed GOP is shown one frame before the earliest picture that follows it.
 */
final class StartTimestamps {
    /** Packets held at most; a stream that never gets a dts falls back to generated ones after this. */
    static final int MAX_HELD = 32;
    static final long NONE = Long.MIN_VALUE;

    private StartTimestamps() {
    }

    /**
     * @param pts    presentation times of the held packets and, last, of the first packet with both times
     *               ({@link #NONE} where missing; changed in place)
     * @param dts    decode times, likewise
     * @param frame  one frame's duration in the stream's time base
     */
    static void fill(long[] pts, long[] dts, long frame) {
        int anchor = pts.length - 1;
        for (int i = anchor - 1; i >= 0; i--) {
            if (dts[i] == NONE || dts[i] >= dts[i + 1]) {
                dts[i] = dts[i + 1] - frame;
            }
        }
        long shift = pts[anchor] - dts[anchor];
        for (int i = 0; i < anchor; i++) {
            if (pts[i] != NONE) {
                continue;
            }
            long laterMin = Long.MAX_VALUE;
            for (int j = i + 1; j <= anchor; j++) {
                if (pts[j] != NONE) {
                    laterMin = Math.min(laterMin, pts[j]);
                }
            }
            long guess = i == 0 && laterMin != Long.MAX_VALUE ? laterMin - frame : dts[i] + shift;
            pts[i] = Math.max(dts[i], guess);
        }
    }
}
