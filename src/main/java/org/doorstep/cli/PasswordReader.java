package org.doorstep.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a password without it ever appearing on screen or in the process list: from the terminal with
 * echo switched off, or line by line from standard input for scripts ({@code --password-stdin}).
 */
public final class PasswordReader {
    private final Terminal terminal;

    public PasswordReader(Console console, InputStream stdin) {
        this(new SystemTerminal(console, stdin));
    }

    public PasswordReader(Terminal terminal) {
        this.terminal = terminal;
    }

    public static PasswordReader system() {
        return new PasswordReader(Terminal.system());
    }

    /** Reads the password; {@code prompt} is shown only on an interactive terminal. */
    public char[] read(String prompt) throws IOException {
        return terminal.readPassword(prompt);
    }

    /** Whether the password is typed at a terminal (then a new one is asked twice). */
    public boolean interactive() {
        return terminal.interactive();
    }

    static char[] readFirstLine(InputStream in) throws IOException {
        // Not closed: closing would close System.in for the rest of the process.
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
