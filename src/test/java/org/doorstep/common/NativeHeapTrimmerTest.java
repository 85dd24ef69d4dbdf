package org.doorstep.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NativeHeapTrimmerTest {

    private static final long BLOCK = 64 * 1024;
    private static final int BLOCKS = 1024;

    /**
     * 64 MiB in 64 KiB blocks, all freed but the last: the free space lies below a block still in use, so glibc keeps
     * it resident until the heap is trimmed.
     */
    @Test
    void trimGivesFreedMemoryBetweenBlocksInUseBack() throws Exception {
        NativeHeapTest.assumeGlibc();
        long[] blocks = new long[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            blocks[i] = Native.malloc(BLOCK);
            new Pointer(blocks[i]).setMemory(0, BLOCK, (byte) 1);
        }
        long full = residentBytes();
        for (int i = 0; i < BLOCKS - 1; i++) {
            Native.free(blocks[i]);
        }
        long freed = residentBytes();
        try {
            assertThat(full - freed).as("resident memory given back by free() alone").isLessThan(16L << 20);
            assertThat(NativeHeap.trim()).isTrue();
            assertThat(freed - residentBytes()).as("resident memory given back by the trim")
                    .isGreaterThan(48L << 20);
        } finally {
            Native.free(blocks[BLOCKS - 1]);
        }
    }

    @Test
    void trimsOnItsOwnThreadUntilClosedAndOutlivesAFailingTrim() {
        AtomicInteger calls = new AtomicInteger();
        NativeHeapTrimmer trimmer = NativeHeapTrimmer.start(Duration.ofMillis(20), () -> {
            if (calls.incrementAndGet() % 2 == 0) {
                throw new IllegalStateException("no C library");
            }
            return true;
        });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> trimmer.trims() >= 3);
            assertThat(calls.get()).isGreaterThanOrEqualTo(5);
        } finally {
            trimmer.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("native-heap-trim")));
    }

    /** Resident bytes of this process (/proc/self/statm's second field, in 4 KiB pages). */
    private static long residentBytes() throws Exception {
        String[] statm = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
        return Long.parseLong(statm[1]) * 4096;
    }
}
