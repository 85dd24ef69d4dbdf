package org.doorstep.store;

import java.nio.file.Path;

/** Holds a data directory's lock in a separate process until its standard input closes (test helper). */
public final class LockHolder {
    public static void main(String[] args) throws Exception {
        try (DataDirLock lock = DataDirLock.acquire(new DataDir(Path.of(args[0])), "doorstep record")) {
            System.out.println("LOCKED");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to let go
            }
        }
    }
}
