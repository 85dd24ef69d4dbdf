package org.doorstep.onvif;

/** The camera could not be reached or did not answer in time. */
public final class OnvifTimeoutException extends OnvifException {
    public OnvifTimeoutException(String detail, Throwable cause) {
        super("no.answer", detail, cause);
    }
}
