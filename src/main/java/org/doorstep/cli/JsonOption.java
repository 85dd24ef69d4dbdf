package org.doorstep.cli;

import picocli.CommandLine.Option;

/** {@code --json}: exactly one JSON document on standard output instead of a table. */
public final class JsonOption {
    @Option(names = "--json", descriptionKey = "option.json")
    boolean json;
}
