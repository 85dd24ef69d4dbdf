package org.doorstep.sim;

import java.nio.file.Path;

/**
 * Starting the FFmpeg programs JavaCV bundles ({@code Loader.load(ffmpeg.class)}) as processes in tests and benchmarks.
 * Their libraries (libva, libavdevice's) are beside the program, not on its runpath, so the loader is pointed there
 * first; the inherited path stays behind it, so a machine without ALSA or PulseAudio gets those system libraries from
 * where the caller put them (bench/gpu-device.sh does so on the GPU machine).
 */
public final class BundledFfmpegProcess {
    private BundledFfmpegProcess() {
    }

    /** Sets the library path of {@code pb}, which starts the bundled program {@code exe}; returns {@code pb}. */
    public static ProcessBuilder withLibraries(ProcessBuilder pb, String exe) {
        String inherited = System.getenv("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", Path.of(exe).getParent()
                + (inherited == null || inherited.isBlank() ? "" : ":" + inherited));
        return pb;
    }
}
