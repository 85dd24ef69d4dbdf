package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import java.util.ArrayDeque;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * Pictures read but not yet given to the decoder, in decoding order. While a scene is still only keyframes are
 * decoded; the pictures between them wait here, so that when the analysis sees motion on a keyframe the pictures
 * after it can still be decoded with their references intact (they come in bursts, read together with the keyframe,
 * before the analysis has looked at it), and at the next keyframe, which needs none of them, they are thrown away
 * undecoded. Bounded, so that a stream whose keyframes stop coming cannot fill the memory. Not thread-safe.
 */
final class HeldPackets implements AutoCloseable {
    /** Four seconds of 60 fps: the analysis holds pictures only for streams with a keyframe at least that often. */
    static final int MAX_PACKETS = 240;
    /** A still scene's P-pictures are small; a noisy 4K main stream's run to some 100 KB. */
    static final long MAX_BYTES = 8L << 20;

    private final ArrayDeque<AVPacket> queue = new ArrayDeque<>();
    private long bytes;

    /**
     * Keeps a new reference to {@code packet}'s data (the caller unrefs its own).
     *
     * @return false when full: nothing was kept
     */
    boolean hold(AVPacket packet) {
        if (queue.size() >= MAX_PACKETS || bytes + packet.size() > MAX_BYTES) {
            return false;
        }
        append(packet);
        return true;
    }

    /** Like {@link #hold} but never refuses: the picture that ends a spell of holding goes after those held. */
    void append(AVPacket packet) {
        AVPacket copy = av_packet_clone(packet);
        if (copy == null) {
            throw new OutOfMemoryError("FFmpeg could not reference a packet");
        }
        queue.addLast(copy);
        bytes += packet.size();
    }

    /** The oldest packet, now the caller's to free with {@code av_packet_free}; null when none is held. */
    AVPacket next() {
        AVPacket p = queue.pollFirst();
        if (p != null) {
            bytes -= p.size();
        }
        return p;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    /** Frees every held packet; returns how many there were. */
    int discard() {
        int n = queue.size();
        for (AVPacket p = queue.pollFirst(); p != null; p = queue.pollFirst()) {
            av_packet_free(p);
        }
        bytes = 0;
        return n;
    }

    @Override
    public void close() {
        discard();
    }
}
