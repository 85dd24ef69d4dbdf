package org.doorstep.media;

/** Why a camera stream could not be opened or stopped delivering; the message never carries credentials. */
public final class IngestException extends Exception {
    /** Gap reasons as stored in recording_gap.reason. */
    public enum Reason {
        AUTH_FAILED("auth-failed"),
        UNREACHABLE("unreachable"),
        STREAM_ENDED("stream-ended"),
        /** Doorstep refused the address (outside the LAN, not a stream scheme, a redirect); not retried quickly. */
        NOT_ALLOWED("not-allowed"),
        STOPPED("stopped");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final int ffmpegError;

    public IngestException(Reason reason, int ffmpegError, String message) {
        super(message);
        this.reason = reason;
        this.ffmpegError = ffmpegError;
    }

    public Reason reason() {
        return reason;
    }

    public int ffmpegError() {
        return ffmpegError;
    }
}
