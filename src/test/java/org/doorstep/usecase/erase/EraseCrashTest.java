package org.doorstep.usecase.erase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process in the middle of an erase: the next start (App.open) finds the journal and finishes the erase,
 * and the verification scan passes as if nothing had happened. Killed while keeping the parts outside the range (before
 * any key is gone), right after the keys are destroyed (files still there), and while rows are deleted.
 */
class EraseCrashTest {
    private static final Instant FROM = EraseFixture.DAY1.plusSeconds((8 * 60 + 1) * 60L);
    private static final Instant TO = EraseFixture.DAY1.plusSeconds((8 * 60 + 4) * 60L);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = EraseProgress.Step.class, names = {"KEEP", "FILES", "ROWS"})
    void killNineMidEraseIsFinishedOnTheNextStart(EraseProgress.Step killAt) throws Exception {
        EraseFixture f = new EraseFixture(dir);
        long porch = f.a.id();
        Predicate<SegmentRow> seg = s -> s.cameraId() == porch && !s.start().isBefore(FROM) && s.start().isBefore(TO);
        Predicate<StoredEvent> ev = e -> e.cameraId() == porch && !e.start().isBefore(FROM) && e.start().isBefore(TO);
        EraseScopesTest.Expectation x = EraseScopesTest.expect(f, seg, ev);
        f.close();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), EraseCrashProcess.class.getName(), dir.toString(),
                FROM.toString(), TO.toString(), killAt.name());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            assertThat(out.readLine()).isEqualTo("AT " + killAt);
            assertThat(dir.resolve("erase-journal.json")).exists();
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }

        f.open(); // App.open resumes the journal
        try {
            EraseScopesTest.scan(f, x);
            assertThat(f.app.erase().receipts()).hasSize(1);
        } finally {
            f.close();
        }
    }
}
