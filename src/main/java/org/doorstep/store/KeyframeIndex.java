package org.doorstep.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyframe positions of a segment for fast seeking, stored in segment.keyframes as pairs of big-endian longs:
 * (milliseconds from the segment start, plaintext byte offset of the MP4 fragment that starts with the keyframe).
 */
public final class KeyframeIndex {
    private long[] pairs = new long[64];
    private int size;

    public record Keyframe(long millis, long offset) {}

    public void add(long millis, long offset) {
        if (size + 2 > pairs.length) {
            pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[size++] = millis;
        pairs[size++] = offset;
    }

    public void clear() {
        size = 0;
    }

    public int count() {
        return size / 2;
    }

    public byte[] pack() {
        ByteBuffer b = ByteBuffer.allocate(size * 8);
        for (int i = 0; i < size; i++) {
            b.putLong(pairs[i]);
        }
        return b.array();
    }

    public static List<Keyframe> unpack(byte[] packed) {
        List<Keyframe> out = new ArrayList<>();
        if (packed == null) {
            return out;
        }
        ByteBuffer b = ByteBuffer.wrap(packed);
        while (b.remaining() >= 16) {
            out.add(new Keyframe(b.getLong(), b.getLong()));
        }
        return out;
    }
}
