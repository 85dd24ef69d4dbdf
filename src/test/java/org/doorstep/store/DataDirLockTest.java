package org.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.doorstep.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
    @TempDir
    Path dir;

    private Process holdInAnotherProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                dir.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        assertThat(out.readLine()).isEqualTo("LOCKED");
        return p;
    }

    @Test
    void secondProcessIsToldWhoOwnsTheFolder() throws Exception {
        Process holder = holdInAnotherProcess();
        try {
            assertThatThrownBy(() -> DataDirLock.acquire(new DataDir(dir), "doorstep"))
                    .isInstanceOfSatisfying(DataDirLock.HeldElsewhereException.class, e -> {
                        assertThat(e.owner().pid()).isEqualTo(holder.pid());
                        assertThat(e.owner().command()).isEqualTo("doorstep record");
                    });

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"--data-dir", dir.toString(), "camera", "list"},
                    new PrintWriter(out), new PrintWriter(err));
            assertThat(code).isEqualTo(3);
            assertThat(err.toString()).contains("process " + holder.pid()).contains("doorstep record")
                    .doesNotContain("Exception");
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void killedOwnerLeavesNoStaleLock() throws Exception {
        Process holder = holdInAnotherProcess();
        holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        try (DataDirLock lock = DataDirLock.acquire(new DataDir(dir), "doorstep")) {
            assertThat(DataDirLock.readOwner(new DataDir(dir)).pid()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void sameProcessCannotOpenTheFolderTwice() throws Exception {
        try (DataDirLock first = DataDirLock.acquire(new DataDir(dir), "doorstep")) {
            assertThatThrownBy(() -> DataDirLock.acquire(new DataDir(dir), "doorstep record"))
                    .isInstanceOf(DataDirLock.HeldElsewhereException.class);
        }
    }
}
