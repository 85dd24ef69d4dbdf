package org.doorstep.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.doorstep.Main;

/** Runs the real command line in-process against a data folder, capturing what a user would see. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {}

    private final Path dataDir;

    CliRunner(Path dataDir) {
        this.dataDir = dataDir;
    }

    Result run(String... args) {
        return runWithStdin(null, args);
    }

    Result runWithStdin(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        InputStream previous = System.in;
        Locale locale = Locale.getDefault();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            }
            Locale.setDefault(Locale.ENGLISH);
            int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
            return new Result(code, out.toString(), err.toString());
        } finally {
            System.setIn(previous);
            Locale.setDefault(locale);
        }
    }
}
