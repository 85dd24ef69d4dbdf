package org.doorstep.cli;

import java.io.IOException;

/**
 * Where a command asks the person who ran it: the terminal of this process, or — for a command carried out by the
 * process that owns the data folder — the terminal of the process that asked for it (see {@link LocalCommandServer}).
 */
public interface Terminal {
    /** Whether a person can answer a question (a terminal, not a script's standard input). */
    boolean interactive();

    /** Asks for one line; null when there is no more input. */
    String readLine(String prompt) throws IOException;

    /** Asks for a secret without showing it; from a script, the first line of standard input. */
    char[] readPassword(String prompt) throws IOException;

    /** This process's console, or its standard input when there is none. */
    static Terminal system() {
        return new SystemTerminal(System.console(), System.in);
    }
}
