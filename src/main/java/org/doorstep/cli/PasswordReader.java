package org.doorstep.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a password without it ever appearing on screen or in the process list: from the terminal with
 * echo switched off, or as the first line of standard input for scripts ({@code --password-stdin}).
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
}
