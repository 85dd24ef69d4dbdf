package org.doorstep.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a password without it ever appearing on screen or in the process list: from the terminal with
 * echo switched off, or as the first line of standard input for scripts ({@code --password-stdin}).
 */
public final class PasswordReader {
    private final Console console;
    private final InputStream stdin;
    /** One reader for all reads: a second reader would miss what the first one buffered (line two, three). */
    private BufferedReader lines;

    public PasswordReader(Console console, InputStream stdin) {
        this.console = console;
        this.stdin = stdin;
    }

    public static PasswordReader system() {
        return new PasswordReader(System.console(), System.in);
    }

    /** Reads the password; {@code prompt} is shown only on an interactive terminal. */
    public char[] read(String prompt) throws IOException {
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            return typed == null ? new char[0] : typed;
        }
        if (lines == null) {
            // Not closed: closing would close System.in for the rest of the process.
            lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        }
        String line = lines.readLine();
        return line == null ? new char[0] : line.toCharArray();
    }

    /** Whether the password is typed at a terminal (then a new one is asked twice). */
    public boolean interactive() {
        return console != null;
    }

    static char[] readFirstLine(InputStream in) throws IOException {
        // Not closed: closing would close System.in for the rest of the process.
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
