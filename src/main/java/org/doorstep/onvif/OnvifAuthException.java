package org.doorstep.onvif;

/** The camera refused the credentials (or needs some and none were given). */
public final class OnvifAuthException extends OnvifException {
    private final boolean credentialsGiven;

    public OnvifAuthException(boolean credentialsGiven, String detail) {
        super(credentialsGiven ? "auth.wrong" : "auth.required", detail, null);
        this.credentialsGiven = credentialsGiven;
    }

    public boolean credentialsGiven() {
        return credentialsGiven;
    }
}
