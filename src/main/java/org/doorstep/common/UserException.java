package org.doorstep.common;

/**
 * A problem the user can understand and fix: the message is shown as it is, without a stack trace.
 * The exit code tells scripts what kind of problem it was.
 */
public class UserException extends RuntimeException {
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BUSY = 3;

    private final int exitCode;

    public UserException(String message) {
        this(message, EXIT_FAILURE);
    }

    public UserException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
