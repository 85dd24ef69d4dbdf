package org.doorstep.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The arena limit reaches glibc's mallopt (what it saves is measured by CameraCostBench, not here). */
class NativeHeapTest {

    @Test
    void glibcAcceptsTheArenaLimit() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
                "glibc's arenas exist on Linux only");
        Assumptions.assumeTrue(System.getenv("MALLOC_ARENA_MAX") == null,
                "MALLOC_ARENA_MAX is set: the user's number is kept");
        assertThat(NativeHeap.limitArenas(2)).isTrue();
    }
}
