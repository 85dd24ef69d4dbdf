package org.doorstep.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Structure;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The arena limit and the fixed thresholds reach glibc's mallopt (what they save is measured by CameraCostBench, not
 * here).
 */
class NativeHeapTest {

    /** glibc's {@code struct mallinfo2} (2.33 on): ten {@code size_t}. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }

    @Test
    void glibcAcceptsTheArenaLimit() {
        assumeGlibc();
        Assumptions.assumeTrue(System.getenv("MALLOC_ARENA_MAX") == null,
                "MALLOC_ARENA_MAX is set: the user's number is kept");
        assertThat(NativeHeap.limitArenas(2)).isTrue();
    }

    /**
     * With glibc's dynamic threshold, freeing a 4 MiB block would raise the mmap threshold to 4 MiB, and a 1 MiB block
     * allocated after it would stay in the arena once freed; fixed at 128 KiB it gets its own mapping.
     */
    @Test
    void bigBlocksKeepTheirOwnMappingAfterABiggerOneWasFreed() {
        assumeGlibc();
        Assumptions.assumeTrue(System.getenv("MALLOC_MMAP_THRESHOLD_") == null,
                "MALLOC_MMAP_THRESHOLD_ is set: the user's number is kept");
        NativeLibrary c = NativeLibrary.getInstance("c");
        Function mallinfo2;
        try {
            mallinfo2 = c.getFunction("mallinfo2");
        } catch (UnsatisfiedLinkError e) {
            Assumptions.abort("this glibc has no mallinfo2 (before 2.33)");
            return;
        }
        NativeHeap.limitArenas(2);
        long big = Native.malloc(4L << 20);
        Native.free(big);
        long before = ((MallInfo2) mallinfo2.invoke(MallInfo2.class, new Object[0])).hblkhd;
        long block = Native.malloc(1L << 20);
        try {
            long during = ((MallInfo2) mallinfo2.invoke(MallInfo2.class, new Object[0])).hblkhd;
            assertThat(during - before).as("bytes in mapped blocks").isGreaterThanOrEqualTo(1L << 20);
        } finally {
            Native.free(block);
        }
    }

    private static void assumeGlibc() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
                "glibc's arenas exist on Linux only");
    }
}
