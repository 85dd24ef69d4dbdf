package org.doorstep.common;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Structure;

/**
 * Run in a fresh JVM by {@link NativeHeapTest}: sets the limits as {@code Main} does, frees a 16 MiB block (which
 * would raise glibc's dynamic mmap threshold to 16 MiB), then allocates 8 MiB and prints how many bytes glibc holds in
 * mapped blocks before and during that allocation. A fresh process, because a JVM that has run other tests keeps big
 * free chunks in its arenas, and glibc serves a request from one of those before it maps anything.
 */
public final class NativeHeapProbe {

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

    private NativeHeapProbe() {
    }

    public static void main(String[] args) {
        Function mallinfo2;
        try {
            mallinfo2 = NativeLibrary.getInstance("c").getFunction("mallinfo2");
        } catch (UnsatisfiedLinkError e) {
            System.out.println("no-mallinfo2");
            return;
        }
        if (args.length == 0 || !args[0].equals("without-limits")) {
            NativeHeap.limitArenas(2);
        }
        long big = Native.malloc(16L << 20);
        Native.free(big);
        long before = ((MallInfo2) mallinfo2.invoke(MallInfo2.class, new Object[0])).hblkhd;
        long block = Native.malloc(8L << 20);
        long during = ((MallInfo2) mallinfo2.invoke(MallInfo2.class, new Object[0])).hblkhd;
        Native.free(block);
        System.out.println("mapped-delta " + (during - before));
    }
}
