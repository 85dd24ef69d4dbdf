package org.doorstep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three ways Doorstep is started (the POSIX launcher, the Windows one and the packaged app image) give the JVM the
 * same options: the memory figures in README were measured with them, and a launcher that forgot one (the heap free
 * ratios, say) would run a recorder whose resident memory keeps growing for hours.
 */
class LauncherOptionsTest {

    @Test
    void everyLauncherGivesTheJvmTheSameOptions() throws IOException {
        List<String> posix = jvmOptions(joinedContinuations(Path.of("src", "dist", "bin", "doorstep"), "exec \"$JAVA\""));
        List<String> windows = jvmOptions(line(Path.of("src", "dist", "bin", "doorstep.bat"), "\"%JAVA%\""));
        List<String> packaged = CostSetup.packagedJvmOptions();

        assertThat(posix).contains("-XX:+UseSerialGC", "-Xmx768m", "-XX:MinHeapFreeRatio=15",
                "-XX:MaxHeapFreeRatio=30");
        assertThat(windows).isEqualTo(posix);
        assertThat(packaged).isEqualTo(posix);
    }

    /** The tokens that are JVM options ({@code -X…}), in order; quotes around the whole list are dropped. */
    private static List<String> jvmOptions(String commandLine) {
        return Arrays.stream(commandLine.replace("\"", " ").trim().split("\\s+"))
                .filter(token -> token.startsWith("-X"))
                .toList();
    }

    private static String line(Path file, String start) throws IOException {
        return Files.readAllLines(file).stream().map(String::trim).filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no line starting with " + start));
    }

    /** The line starting with {@code start} and the lines it continues onto with a trailing backslash. */
    private static String joinedContinuations(Path file, String start) throws IOException {
        List<String> lines = Files.readAllLines(file);
        StringBuilder joined = new StringBuilder();
        boolean inside = false;
        for (String l : lines) {
            inside |= l.trim().startsWith(start);
            if (!inside) {
                continue;
            }
            boolean continues = l.endsWith("\\");
            joined.append(' ').append(continues ? l.substring(0, l.length() - 1) : l);
            if (!continues) {
                return joined.toString();
            }
        }
        throw new AssertionError(file + " has no line starting with " + start);
    }
}
