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
        return readFirstLine(stdin);
    }

    static char[] readFirstLine(InputStream in) throws IOException {
        // Not closed: closing would close System.in for the rest of the process.
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
