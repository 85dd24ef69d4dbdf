package org.doorstep.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

import org.doorstep.common.UserException;
/**
 * Commands whose features are not in this version yet. They are listed so scripts and users see the
 * whole contract, and they say plainly that the feature is missing instead of failing obscurely.
 */
final class NotYetCommands {
    private NotYetCommands() {}

    abstract static class NotYet implements Callable<Integer> {
        @Unmatched
        List<String> ignored;

        abstract String feature();

        @Override
        public Integer call() {
            throw new UserException(Messages.of("cli").get("error.notYet", feature()));
        }
    }
}
