package org.doorstep.common;

import java.util.Locale;

/**
 * The C heap that FFmpeg and the JVM's threads allocate from. glibc gives every thread that allocates its own malloc
 * arena (up to eight per core), and each arena keeps freed memory for itself: with a decoder, a demuxer and a relay
 * thread per camera that is several megabytes per camera that nothing uses (CameraCostBench: 27.8 MB per added
 * camera with glibc's default, 19.7 MB with two arenas). {@code MALLOC_ARENA_MAX} would do the same, but a packaged
 * launcher cannot set environment variables, so the limit is set from inside, before the cameras start; likewise the
 * thresholds that decide when freed memory goes back to the system.
 */
public final class NativeHeap {

    /** {@code M_ARENA_MAX} of glibc's {@code malloc.h}. */
    private static final int M_ARENA_MAX = -8;
    /** {@code M_TRIM_THRESHOLD}: free memory at an arena's top above this goes back to the system. */
    private static final int M_TRIM_THRESHOLD = -1;
    /** {@code M_MMAP_THRESHOLD}: blocks at least this big get their own mapping, returned to the system when freed. */
    private static final int M_MMAP_THRESHOLD = -3;
    /**
     * 128 KiB, glibc's own starting value. Set explicitly it stays there: glibc otherwise raises both thresholds to the
     * largest block freed so far (up to 32 MiB), after which FFmpeg's packet and picture buffers stay in the arenas
     * once freed (CameraCostBench: 24.2 MB per added camera with the arena limit alone, 14.6 MB with both thresholds
     * fixed).
     */
    static final int THRESHOLD_BYTES = 128 * 1024;

    private NativeHeap() {
    }

    /**
     * Limits glibc's malloc arenas to {@code max} and fixes its trim and mmap thresholds (see {@link #THRESHOLD_BYTES}),
     * each unless the user chose it with its {@code MALLOC_…} environment variable or this is not glibc on Linux.
     * Answers whether the arena limit was set.
     */
    public static boolean limitArenas(int max) {
        if (!onLinux()) {
            return false;
        }
        try {
            com.sun.jna.Function mallopt = com.sun.jna.NativeLibrary.getInstance("c").getFunction("mallopt");
            if (System.getenv("MALLOC_TRIM_THRESHOLD_") == null) {
                mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, THRESHOLD_BYTES});
            }
            if (System.getenv("MALLOC_MMAP_THRESHOLD_") == null) {
                mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, THRESHOLD_BYTES});
            }
            return System.getenv("MALLOC_ARENA_MAX") == null
                    && mallopt.invokeInt(new Object[] {M_ARENA_MAX, max}) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false; // another C library (musl has no arenas to limit): nothing to gain
        }
    }

    /**
     * Gives the free memory inside glibc's arenas back to the system ({@code malloc_trim(0)}), not only what lies at
     * their top: what FFmpeg frees between blocks still in use otherwise stays resident for good. Answers whether
     * anything went back; false also where this is not glibc on Linux.
     */
    public static boolean trim() {
        if (!onLinux()) {
            return false;
        }
        try {
            return com.sun.jna.NativeLibrary.getInstance("c").getFunction("malloc_trim")
                    .invokeInt(new Object[] {0L}) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /** glibc's malloc, whose arenas and trimming these calls are about, is the C library on Linux. */
    private static boolean onLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }
}
