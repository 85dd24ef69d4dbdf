package org.doorstep.onvif;

/** The camera answered with a SOAP fault other than an authentication failure. */
public final class OnvifFaultException extends OnvifException {
    private final String code;
    private final String subcode;

    public OnvifFaultException(String code, String subcode, String reason) {
        super("fault", "SOAP fault " + code + "/" + subcode + ": " + reason, null, reason == null ? "" : reason);
        this.code = code;
        this.subcode = subcode;
    }

    public String code() {
        return code;
    }

    public String subcode() {
        return subcode;
    }
}
