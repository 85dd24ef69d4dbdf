package org.doorstep.media;

import java.nio.ByteBuffer;

/**
 * Where decoded video goes: a tile on screen, a player surface. The producer (a decoder thread) asks for the size the
 * picture is shown at, scales the frame straight into a buffer the target hands out, and publishes it; the target
 * swaps it in on its own thread. No pixel is copied in Java on the way.
 */
public interface FrameTarget {

    /**
     * The box the picture is shown in, in device pixels; the producer fits the source's aspect ratio into it
     * ({@link Size#fit}). {@link Size#NONE} means not visible: the producer must not decode or scale for it.
     * Called from the producer's thread.
     */
    Size wanted();

    /**
     * A direct buffer of {@code width * height * 4} bytes that is not being drawn, for one BGRA frame (on
     * little-endian machines that is JavaFX's IntArgbPre). Valid until the next {@code acquire}.
     */
    ByteBuffer acquire(int width, int height);

    /** The frame written into the last acquired buffer is complete; the target shows it. */
    void publish();
}
