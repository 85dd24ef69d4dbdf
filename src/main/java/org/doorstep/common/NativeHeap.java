package org.doorstep.common;

import java.util.Locale;

/**
 * The C heap that FFmpeg and the JVM's threads allocate from. glibc gives every thread that allocates its own malloc
 * arena (up to eight per core), and each arena keeps freed memory for itself: with a decoder, a demuxer and a relay
 * thread per camera that is several megabytes per camera that nothing uses (CameraCostBench: 27.8 MB per added
 * camera with glibc's default, 19.7 MB with two arenas). {@code MALLOC_ARENA_MAX} would do the same, but a packaged
 * launcher cannot set environment variables, so the limit is set from inside, before the cameras start.
 */
public final class NativeHeap {

    /** {@code M_ARENA_MAX} of glibc's {@code malloc.h}. */
    private static final int M_ARENA_MAX = -8;

    private NativeHeap() {
    }

    /**
     * Limits glibc's malloc arenas to {@code max}, unless the user chose a number with {@code MALLOC_ARENA_MAX} or
     * this is not glibc on Linux. Answers whether the limit was set.
     */
    public static boolean limitArenas(int max) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || System.getenv("MALLOC_ARENA_MAX") != null) {
            return false;
        }
        try {
            com.sun.jna.Function mallopt = com.sun.jna.NativeLibrary.getInstance("c").getFunction("mallopt");
            return mallopt.invokeInt(new Object[] {M_ARENA_MAX, max}) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false; // another C library (musl has no arenas to limit): nothing to gain
        }
    }
}
