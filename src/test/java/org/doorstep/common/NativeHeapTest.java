package org.doorstep.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The arena limit and the fixed thresholds reach glibc's mallopt (what they save is measured by CameraCostBench, not
 * here).
 */
class NativeHeapTest {

    @Test
    void glibcAcceptsTheArenaLimit() {
        assumeGlibc();
        Assumptions.assumeTrue(System.getenv("MALLOC_ARENA_MAX") == null,
                "MALLOC_ARENA_MAX is set: the user's number is kept");
        assertThat(NativeHeap.limitArenas(2)).isTrue();
    }

    /**
     * With glibc's dynamic threshold, freeing a 16 MiB block raises the mmap threshold to 16 MiB, and an 8 MiB block
     * allocated after it comes from an arena and stays there once freed; with the thresholds fixed it gets its own
     * mapping, returned to the system when freed. Checked in a fresh JVM each way (see {@link NativeHeapProbe}).
     */
    @Test
    void bigBlocksKeepTheirOwnMappingAfterABiggerOneWasFreed() throws Exception {
        assumeGlibc();
        Assumptions.assumeTrue(System.getenv("MALLOC_MMAP_THRESHOLD_") == null
                        && System.getenv("MALLOC_TRIM_THRESHOLD_") == null,
                "MALLOC_MMAP_THRESHOLD_ or MALLOC_TRIM_THRESHOLD_ is set: the user's numbers are kept");
        String with = probe();
        Assumptions.assumeFalse(with.equals("no-mallinfo2"), "this glibc has no mallinfo2 (before 2.33)");
        assertThat(mappedDelta(with)).as("bytes mapped for 8 MiB, thresholds fixed").isGreaterThanOrEqualTo(8L << 20);
        assertThat(mappedDelta(probe("without-limits"))).as("the same without them (glibc's dynamic threshold)")
                .isZero();
    }

    private static long mappedDelta(String line) {
        assertThat(line).startsWith("mapped-delta ");
        return Long.parseLong(line.substring("mapped-delta ".length()).trim());
    }

    private static String probe(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                NativeHeapProbe.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("MALLOC_ARENA_MAX");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> l.startsWith("mapped-delta") || l.equals("no-mallinfo2")).findFirst()
                .orElse(out.trim());
    }

    static void assumeGlibc() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
                "glibc's arenas exist on Linux only");
    }
}
