package org.doorstep.usecase.erase;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.doorstep.App;
import org.doorstep.store.DataDir;

/**
 * An erase in its own JVM, for the crash test: erases camera "porch" from {@code args[1]} to {@code args[2]} and,
 * when the erase reaches the step named by {@code args[3]}, prints "AT <step>" and stops there until it is killed.
 */
public final class EraseCrashProcess {
    private EraseCrashProcess() {}

    public static void main(String[] args) throws Exception {
        App app = App.open(new DataDir(Path.of(args[0])), "erase crash test");
        EraseProgress.Step stopAt = EraseProgress.Step.valueOf(args[3]);
        app.erase().run(EraseScope.cameraRange("porch", Instant.parse(args[1]), Instant.parse(args[2])), Set.of(),
                (step, fraction) -> {
                    if (step == stopAt) {
                        System.out.println("AT " + step);
                        System.out.flush();
                        try {
                            Thread.sleep(Long.MAX_VALUE);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }, () -> false);
        System.out.println("FINISHED");
    }
}
