package org.doorstep.onvif;

/** The camera answered with something we cannot read (malformed, too big, hostile XML, missing fields). */
public final class OnvifReplyException extends OnvifException {
    public OnvifReplyException(String detail, Throwable cause) {
        super("bad.reply", detail, cause);
    }
}
