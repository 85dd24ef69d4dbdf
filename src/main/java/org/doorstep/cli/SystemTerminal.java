package org.doorstep.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** A {@link Terminal} over a console (echo off for secrets) or, for scripts, standard input read line by line. */
final class SystemTerminal implements Terminal {
    private final Console console;
    private final InputStream stdin;
    private BufferedReader lines;

    SystemTerminal(Console console, InputStream stdin) {
        this.console = console;
        this.stdin = stdin;
    }

    @Override
    public boolean interactive() {
        return console != null;
    }

    @Override
    public String readLine(String prompt) throws IOException {
        if (console != null) {
            return console.readLine("%s", prompt);
        }
        return lines().readLine();
    }

    @Override
    public char[] readPassword(String prompt) throws IOException {
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            return typed == null ? new char[0] : typed;
        }
        String line = lines().readLine();
        return line == null ? new char[0] : line.toCharArray();
    }

    private BufferedReader lines() {
        // one reader for the whole run: a second one would lose what the first had buffered; never closed, as
        // closing it would close System.in for the rest of the process
        if (lines == null) {
            lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        }
        return lines;
    }
}
