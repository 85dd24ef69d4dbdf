package org.doorstep.media;

import java.nio.file.Files;
import java.nio.file.Path;

/** Cheap check whether this machine has an NVIDIA GPU driver loaded (for skipping GPU-only checks). */
public final class NvidiaDevices {

    private NvidiaDevices() {
    }

    public static boolean present() {
        return Files.exists(Path.of("/dev/nvidia0")) || Files.exists(Path.of("/proc/driver/nvidia/version"))
                || (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")
                && Files.exists(Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\Windows"),
                "System32", "nvcuda.dll")));
    }
}
