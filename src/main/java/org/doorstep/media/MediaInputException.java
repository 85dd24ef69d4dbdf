package org.doorstep.media;

/**
 * An input could not be opened or read. The message is a sentence for people and never carries credentials; the kind
 * lets each caller decide what to do (the recorder's gap reasons, the decoder's retry).
 */
public final class MediaInputException extends Exception {

    public enum Kind {
        /** The owner stopped the input; nothing is wrong with the source. */
        STOPPED,
        /** The source refused the user name or password. */
        AUTH_FAILED,
        /** Not reachable, no answer in time, not there, or not media. */
        OPEN_FAILED,
        /** Opened, then nothing arrived within the stall timeout. */
        STALLED,
        /** Reading failed after opening (connection lost, damaged data). */
        READ_FAILED,
        /**
         * Doorstep refused before or while connecting: an address outside the local network that was not allowed,
         * a scheme that is not a camera stream (file:, http:...), or a camera that redirected elsewhere.
         */
        REFUSED
    }

    private final Kind kind;
    private final int ffmpegError;

    MediaInputException(Kind kind, int ffmpegError, String sentence, Throwable cause) {
        super(sentence, cause);
        this.kind = kind;
        this.ffmpegError = ffmpegError;
    }

    public Kind kind() {
        return kind;
    }

    /** FFmpeg's (negative) error code, or 0. */
    public int ffmpegError() {
        return ffmpegError;
    }
}
