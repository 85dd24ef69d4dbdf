package org.doorstep.media.rtsp;

import java.io.IOException;

/** The RTSP exchange or the stream failed; the message is a sentence for people, without credentials. */
public final class RtspException extends IOException {

    public enum Kind {
        /** The camera refused the user name or password. */
        AUTH_FAILED,
        /** The camera answered with a redirect, which is never followed (the address was checked, not the target). */
        REDIRECTED,
        /** Not reachable, refused, or an answer that is not what RTSP needs. */
        FAILED,
        /** Nothing arrived in time. */
        TIMED_OUT,
        /** The owner stopped reading. */
        STOPPED,
        /** Something this reader does not handle (a codec, a transport): FFmpeg's reader can take over. */
        UNSUPPORTED
    }

    private final Kind kind;
    private final String redirectedTo;

    public RtspException(Kind kind, String sentence) {
        super(sentence);
        this.kind = kind;
        this.redirectedTo = null;
    }

    /** A redirect to {@code host} ("?" when the camera named none). */
    static RtspException redirect(String sentence, String host) {
        return new RtspException(sentence, host);
    }

    private RtspException(String sentence, String host) {
        super(sentence);
        this.kind = Kind.REDIRECTED;
        this.redirectedTo = host;
    }

    public RtspException(Kind kind, String sentence, Throwable cause) {
        super(sentence, cause);
        this.kind = kind;
        this.redirectedTo = null;
    }

    public Kind kind() {
        return kind;
    }

    /** Where a redirect pointed ("?" when it named no host); null for other failures. */
    public String redirectedTo() {
        return redirectedTo;
    }
}
