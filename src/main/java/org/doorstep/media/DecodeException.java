package org.doorstep.media;

/** Opening or decoding a video failed; the message is meant for people, the cause for the log. */
public class DecodeException extends Exception {

    public DecodeException(String message) {
        super(message);
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
