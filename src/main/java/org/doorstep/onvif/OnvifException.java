package org.doorstep.onvif;

import org.doorstep.common.Messages;

/**
 * A failure talking to a camera. {@link #userMessage()} is a sentence for the shop owner (bundle "onvif");
 * {@link #getMessage()} carries technical detail for the log (never passwords).
 */
public class OnvifException extends Exception {
    private final String key;
    private final transient Object[] args;

    public OnvifException(String key, String detail, Throwable cause, Object... args) {
        super(detail, cause);
        this.key = key;
        this.args = args;
    }

    public String key() {
        return key;
    }

    public String userMessage() {
        return Messages.of("onvif").get(key, args);
    }
}
