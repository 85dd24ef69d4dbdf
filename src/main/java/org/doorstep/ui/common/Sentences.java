package org.doorstep.ui.common;

import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a window shows when a use case fails: its sentence, never a stack trace (that goes to the log). */
public final class Sentences {
    private static final Logger LOG = LoggerFactory.getLogger(Sentences.class);

    private Sentences() {}

    public static String of(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof UserException)) {
            t = t.getCause();
        }
        if (t instanceof UserException user) {
            return user.getMessage();
        }
        LOG.error("a window action failed", failure);
        return Messages.of("ui").get("error.unexpected", failure.getClass().getSimpleName());
    }
}
